// Test data: people and organizations, created directly in the database.
import { randomBytes } from "node:crypto";
import { vi } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { createSession, resolveSession } from "@/lib/auth/sessions";
import * as currentSession from "@/lib/auth/current-session";
import type { MemberContext } from "@/lib/auth/require-member";
import { db } from "@/lib/db";
import type { Role } from "@/lib/db/generated/enums";

export const TEST_PASSWORD = "correct horse battery";
let passwordHash: Promise<string> | undefined;

export async function createUser(overrides: { email?: string; name?: string } = {}) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const suffix = randomBytes(4).toString("hex");
  return db().user.create({
    data: {
      email: overrides.email ?? `person-${suffix}@example.test`,
      name: overrides.name ?? `Person ${suffix}`,
      passwordHash: await passwordHash,
    },
  });
}

export async function createOrganization(name = `Org ${randomBytes(3).toString("hex")}`) {
  const organization = await db().organization.create({ data: { name } });
  const owner = await addMember(organization.id, "owner");
  return { organization, owner };
}

export async function addMember(organizationId: string, role: Role) {
  const user = await createUser();
  await db().membership.create({ data: { organizationId, userId: user.id, role } });
  return user;
}

/** A member context as requireMember would build it, for calling use-cases directly. */
export async function memberContext(userId: string, organizationId: string): Promise<MemberContext> {
  const membership = await db().membership.findUniqueOrThrow({
    where: { organizationId_userId: { organizationId, userId } },
    include: { user: true, organization: true },
  });
  return {
    actor: { kind: "member", id: membership.user.id, email: membership.user.email, name: membership.user.name },
    organization: { id: membership.organization.id, name: membership.organization.name },
    role: membership.role,
    sessionId: "test-session",
  };
}

/**
 * Makes the server believe `userId` is signed in (a real session row), or nobody when null. The test file
 * must mock "@/lib/auth/current-session" with `vi.mock` for this to take effect.
 */
export async function actAs(userId: string | null, organizationId?: string) {
  const mocked = vi.mocked(currentSession.getCurrentSession);
  if (!userId) {
    mocked.mockResolvedValue(null);
    return null;
  }
  const sessionId = await createSession(userId);
  if (organizationId) await db().session.update({ where: { id: sessionId }, data: { activeOrganizationId: organizationId } });
  mocked.mockImplementation(() => resolveSession(sessionId));
  return sessionId;
}

/** A submitted form, as a server action receives it: arrays become repeated fields (checkbox groups). */
export function formData(fields: Record<string, string | string[]>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const each of [value].flat()) form.append(name, each);
  return form;
}
