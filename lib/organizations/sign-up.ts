// A new person and their organization: sign-up makes them its owner.
import { z } from "zod";
import { newAccountSchema } from "@/lib/auth/schemas";
import { withThrottledHashing } from "@/lib/auth/throttle";
import { db, Prisma } from "@/lib/db";
import { ConflictError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";

export const organizationNameSchema = z
  .string()
  .trim()
  .min(1, "Name your organization.")
  .max(100, "Organization names are at most 100 characters.");

export const signUpSchema = newAccountSchema.extend({ organizationName: organizationNameSchema });

/** Where a new account's request came from: sign-up is throttled per address like sign-in (lib/auth/throttle.ts). */
export interface NewAccountRequest {
  clientAddress: string;
}

export async function signUp(input: unknown, request: NewAccountRequest) {
  const { name, email, password, organizationName } = parseInput(signUpSchema, input);
  const attempt = { action: "sign-up", email, clientAddress: request.clientAddress } as const;
  const passwordHash = await withThrottledHashing(attempt, (hashing) => hashing.hash(password));
  try {
    return await db().$transaction(async (tx) => {
      const user = await tx.user.create({ data: { name, email, passwordHash } });
      const organization = await tx.organization.create({ data: { name: organizationName } });
      await tx.membership.create({ data: { userId: user.id, organizationId: organization.id, role: "owner" } });
      return { user: { id: user.id, email: user.email, name: user.name }, organization };
    });
  } catch (error) {
    throw translateDuplicateEmail(error);
  }
}

/** Another organization for someone already signed in (e.g. after leaving their last one). */
export async function createOrganization(userId: string, input: { name: unknown }) {
  const name = parseInput(organizationNameSchema, input.name, "name");
  return db().$transaction(async (tx) => {
    const organization = await tx.organization.create({ data: { name } });
    await tx.membership.create({ data: { userId, organizationId: organization.id, role: "owner" } });
    return organization;
  });
}

export function translateDuplicateEmail(error: unknown) {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
    return new ConflictError("An account with this email already exists. Sign in instead.");
  }
  return error;
}

