// Housekeeping deletes what can no longer be used: expired sessions, ended rate-limit windows and OAuth attempts a
// day past their expiry, a bounded chunk per statement, and leaves everything still live alone.
import { describe, expect, it } from "vitest";
import { createSession, pruneExpiredSessions, resolveSession } from "@/lib/auth/sessions";
import { db, sql } from "@/lib/db";
import { hit, peek, pruneRateLimits } from "@/lib/rate-limit";
import { runHousekeeping } from "@/lib/server/housekeeping";
import { createOrganization, createUser } from "../support/builders";
import { withTestDatabase } from "../support/database";

withTestDatabase();

const ago = (ms: number) => new Date(Date.now() - ms);
const HOUR = 60 * 60 * 1000;

async function expiredSession(userId: string) {
  const id = await createSession(userId);
  await db().session.update({ where: { id }, data: { expiresAt: ago(1000) } });
  return id;
}

async function oauthAttempt(organizationId: string, userId: string, expiresAt: Date) {
  const stateHash = `state-${Math.random()}`;
  return db().oAuthAttempt.create({ data: { stateHash, organizationId, userId, expiresAt } });
}

describe("housekeeping", () => {
  it("deletes expired sessions, ended rate-limit windows and stale OAuth attempts, and nothing live", async () => {
    const { organization, owner } = await createOrganization();
    const live = await createSession(owner.id);
    const expired = await expiredSession(owner.id);
    await hit("test:ended", { limit: 5, seconds: 0 });
    await hit("test:live", { limit: 5, seconds: 900 });
    const stale = await oauthAttempt(organization.id, owner.id, ago(25 * HOUR));
    const recentlyExpired = await oauthAttempt(organization.id, owner.id, ago(HOUR));
    const pending = await oauthAttempt(organization.id, owner.id, new Date(Date.now() + 10 * 60 * 1000));

    await runHousekeeping();

    expect(await db().session.findUnique({ where: { id: expired } })).toBeNull();
    expect((await resolveSession(live))?.user.id).toBe(owner.id);
    const keys = (await db().rateLimit.findMany({ where: { key: { startsWith: "test:" } } })).map((row) => row.key);
    expect(keys).toEqual(["test:live"]);
    expect(await peek("test:live")).toMatchObject({ count: 1 });
    const attempts = (await db().oAuthAttempt.findMany({ select: { id: true } })).map((a) => a.id).sort();
    expect(attempts).toEqual([recentlyExpired.id, pending.id].sort());
    expect(attempts).not.toContain(stale.id);
  });

  it("deletes a backlog a bounded chunk at a time, all of it", async () => {
    const user = await createUser();
    for (let i = 0; i < 7; i++) await expiredSession(user.id);
    for (let i = 0; i < 7; i++) await hit(`test:backlog-${i}`, { limit: 1, seconds: 0 });
    expect(await pruneExpiredSessions(sql(), 3)).toBe(7);
    expect(await db().session.count({ where: { userId: user.id } })).toBe(0);
    expect(await pruneRateLimits(sql(), 3)).toBeGreaterThanOrEqual(7);
    expect(await db().rateLimit.count({ where: { key: { startsWith: "test:backlog-" } } })).toBe(0);
  });
});
