// The demo organization a fresh development database starts with (logins also in the README).
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";

export const DEMO_ORGANIZATION = "Demo Partner";
export const DEMO_LOGINS = [
  { role: "owner", name: "Olivia Owner", email: "owner@demo.sunbridge.test", password: "sunbridge-owner" },
  { role: "agent", name: "Adam Agent", email: "agent@demo.sunbridge.test", password: "sunbridge-agent" },
] as const;

const summary = (created: boolean) => ({
  created,
  organization: DEMO_ORGANIZATION,
  logins: DEMO_LOGINS.map(({ role, email, password }) => ({ role, email, password })),
});

/** Creates the demo organization unless its owner already exists. Idempotent. */
export async function seedDemo() {
  const existing = await db().user.findUnique({ where: { email: DEMO_LOGINS[0].email } });
  if (existing) return summary(false);
  const hashes = await Promise.all(DEMO_LOGINS.map((login) => hashPassword(login.password)));
  await db().$transaction(async (tx) => {
    const organization = await tx.organization.create({ data: { name: DEMO_ORGANIZATION } });
    for (const [index, login] of DEMO_LOGINS.entries()) {
      const user = await tx.user.create({ data: { name: login.name, email: login.email, passwordHash: hashes[index]! } });
      await tx.membership.create({ data: { organizationId: organization.id, userId: user.id, role: login.role } });
    }
  });
  return summary(true);
}
