// A new person and their organization: sign-up makes them its owner.
import { z } from "zod";
import { newAccountSchema } from "@/lib/auth/schemas";
import { setActiveOrganization, type ResolvedSession } from "@/lib/auth/sessions";
import { withThrottledHashing } from "@/lib/auth/throttle";
import { db, Prisma } from "@/lib/db";
import { ConflictError } from "@/lib/errors";

export const organizationNameSchema = z
  .string()
  .trim()
  .min(1, "Name your organization.")
  .max(100, "Organization names are at most 100 characters.");

export const signUpSchema = newAccountSchema.extend({ organizationName: organizationNameSchema });

/** What the form for another organization sends. */
export const newOrganizationSchema = z.object({ name: organizationNameSchema });

export type NewAccount = z.infer<typeof newAccountSchema>;

/** Where a new account's request came from: sign-up is throttled per address like sign-in (lib/auth/throttle.ts). */
export interface NewAccountRequest {
  clientAddress: string;
}

export async function signUp({ name, email, password, organizationName }: z.infer<typeof signUpSchema>, request: NewAccountRequest) {
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
export async function createOrganization(userId: string, { name }: z.infer<typeof newOrganizationSchema>) {
  return db().$transaction(async (tx) => {
    const organization = await tx.organization.create({ data: { name } });
    await tx.membership.create({ data: { userId, organizationId: organization.id, role: "owner" } });
    return organization;
  });
}

/** …and works in it from now on. */
export async function startOrganization(session: ResolvedSession, input: z.infer<typeof newOrganizationSchema>) {
  const organization = await createOrganization(session.user.id, input);
  await setActiveOrganization(session.id, organization.id);
  return organization;
}

export function translateDuplicateEmail(error: unknown) {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
    return new ConflictError("An account with this email already exists. Sign in instead.");
  }
  return error;
}

