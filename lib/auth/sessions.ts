// Database sessions. The browser's next-auth cookie (an encrypted JWT) carries only the session id;
// every request resolves it here, so signing out or removing a member takes effect at once.
import { randomBytes } from "node:crypto";
import { db, deleteExpiredRows, sql, statement, type SqlDriver } from "@/lib/db";
import type { Role } from "@/lib/db/generated/enums";

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
/** lastSeenAt is refreshed at most this often, to keep reads from turning into writes. */
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

export interface SessionMembership {
  organizationId: string;
  organizationName: string;
  role: Role;
}

export interface ResolvedSession {
  id: string;
  user: { id: string; email: string; name: string };
  /** The organization the member is working in; null when they belong to none. */
  activeOrganizationId: string | null;
  memberships: SessionMembership[];
}

export async function createSession(userId: string, userAgent?: string | null): Promise<string> {
  const firstMembership = await db().membership.findFirst({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { organizationId: true },
  });
  const id = randomBytes(32).toString("base64url");
  await db().session.create({
    data: {
      id,
      userId,
      activeOrganizationId: firstMembership?.organizationId ?? null,
      expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000),
      userAgent: userAgent?.slice(0, 300) ?? null,
    },
  });
  return id;
}

export async function resolveSession(id: string): Promise<ResolvedSession | null> {
  const session = await db().session.findUnique({
    where: { id },
    include: {
      user: {
        select: {
          id: true,
          email: true,
          name: true,
          memberships: {
            select: { organizationId: true, role: true, organization: { select: { name: true } } },
            orderBy: { createdAt: "asc" },
          },
        },
      },
    },
  });
  if (!session || session.expiresAt <= new Date()) return null;

  const memberships = session.user.memberships.map((m) => ({
    organizationId: m.organizationId,
    organizationName: m.organization.name,
    role: m.role,
  }));
  // The active organization may be one the user has since left: fall back to another.
  const active =
    memberships.find((m) => m.organizationId === session.activeOrganizationId)?.organizationId ??
    memberships[0]?.organizationId ??
    null;

  if (active !== session.activeOrganizationId || Date.now() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db().session.update({ where: { id }, data: { activeOrganizationId: active, lastSeenAt: new Date() } });
  }
  const { id: userId, email, name } = session.user;
  return { id, user: { id: userId, email, name }, activeOrganizationId: active, memberships };
}

export async function setActiveOrganization(sessionId: string, organizationId: string) {
  await db().session.update({ where: { id: sessionId }, data: { activeOrganizationId: organizationId } });
}

export async function deleteSession(id: string) {
  await db().session.deleteMany({ where: { id } });
}

/** Deletes expired sessions (they no longer resolve anyway), in bounded chunks. */
export async function pruneExpiredSessions(driver: SqlDriver = sql(), chunk?: number): Promise<number> {
  return deleteExpiredRows(driver, { table: "Session", key: "id", expiresAt: "expiresAt" }, chunk);
}

export interface SessionMembershipRef {
  sessionId: string;
  organizationId: string;
}

export const membershipRefKey = (ref: SessionMembershipRef) => `${ref.sessionId}\n${ref.organizationId}`;

// Raw SQL on lib/auth's own tables: one set-based statement over every open stream, which Prisma cannot say.
const STILL_MEMBERS = statement<SessionMembershipRef>(
  `SELECT w."sessionId", w."organizationId"
     FROM unnest($1::text[], $2::text[]) AS w("sessionId", "organizationId")
    WHERE EXISTS (SELECT 1 FROM "Session" s JOIN "Membership" m ON m."userId" = s."userId"
                   WHERE s."id" = w."sessionId" AND s."expiresAt" > now() AND m."organizationId" = w."organizationId")`,
  { sessionId: "string", organizationId: "string" },
);

/** Which of `refs` still hold: the session exists and has not expired, and its user is a member of the organization. */
export async function stillMembers(refs: SessionMembershipRef[]): Promise<Set<string>> {
  if (refs.length === 0) return new Set();
  const { rows } = await sql().query(STILL_MEMBERS, [refs.map((ref) => ref.sessionId), refs.map((ref) => ref.organizationId)]);
  return new Set(rows.map(membershipRefKey));
}
