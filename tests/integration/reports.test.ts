// Reports (lib/reports): the writers keep each conversation's moments, business hours count time as the wall clock in
// the team's zone shows it, the figures match values computed by hand on a small fixture, each member sees their
// scope, and the CSV export defuses formulas.
import { beforeAll, describe, expect, it } from "vitest";
import type { MemberContext } from "@/lib/auth/require-member";
import { db, sql } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import { assignConversations, setConversationsStatus } from "@/lib/inbox";
import { organizationSettings, setOrganizationTimeZone } from "@/lib/organizations/settings";
import { bucketBounds } from "@/lib/reports/histogram";
import { foldAllReportTallies, foldReportTallies, pruneReportTallyFolds } from "@/lib/reports/tallies";
import { csvCell, reportCsv, reportFigures, reportPeriod, setTeamBusinessHours, type BusinessHours, type Figures, type Report } from "@/lib/reports";
import { drainWebhookEvents } from "@/lib/webhooks";
import { addMember, createOrganization, memberContext } from "../support/builders";
import { withTestDatabase } from "../support/database";
import { createTeam } from "../support/teams";
import { createWebhookConnection, deliver, suncoId, userMessageEvent } from "../support/webhooks";

const database = withTestDatabase();
/** PGlite runs one transaction at a time: there, nothing can hold a lock while another waits for it. */
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

const WEEKDAYS_9_TO_5 = (timeZone: string): BusinessHours => ({ timeZone, days: [1, 2, 3, 4, 5].map((day) => ({ day, from: "09:00", to: "17:00" })) });

async function businessSeconds(start: string, end: string, hours: BusinessHours | null): Promise<number> {
  const { rows } = await sql().query<{ seconds: number }>(`SELECT "business_seconds"($1::timestamptz, $2::timestamptz, $3::jsonb) AS "seconds"`, [
    start,
    end,
    hours === null ? null : JSON.stringify(hours),
  ]);
  return Number(rows[0]!.seconds);
}

describe("business hours", () => {
  it("count every second when a team has none", async () => {
    expect(await businessSeconds("2026-01-09T21:30:00Z", "2026-01-12T15:00:00Z", null)).toBe(2 * 86_400 + 17.5 * 3_600);
  });

  it("skip the weekend and count only opening hours in the team's time zone", async () => {
    // Friday 16:30 in New York (21:30 UTC) to Monday 10:00 there (15:00 UTC): half an hour on Friday, one on Monday.
    expect(await businessSeconds("2026-01-09T21:30:00Z", "2026-01-12T15:00:00Z", WEEKDAYS_9_TO_5("America/New_York"))).toBe(5_400);
    // The same instants in Tokyo's hours: Saturday 06:30 to Tuesday 00:00 local, so all of Monday (8 hours).
    expect(await businessSeconds("2026-01-09T21:30:00Z", "2026-01-12T15:00:00Z", WEEKDAYS_9_TO_5("Asia/Tokyo"))).toBe(8 * 3_600);
  });

  it("follow the wall clock across a daylight-saving change", async () => {
    // Paris moves to summer time on Sunday 29 March 2026: Friday 16:00 CET (15:00 UTC) to Monday 10:00 CEST (08:00 UTC).
    expect(await businessSeconds("2026-03-27T15:00:00Z", "2026-03-30T08:00:00Z", WEEKDAYS_9_TO_5("Europe/Paris"))).toBe(7_200);
  });

  it("count nothing for a span that ends before it starts, or outside the hours", async () => {
    expect(await businessSeconds("2026-01-12T15:00:00Z", "2026-01-12T14:00:00Z", WEEKDAYS_9_TO_5("UTC"))).toBe(0);
    expect(await businessSeconds("2026-01-10T10:00:00Z", "2026-01-10T12:00:00Z", WEEKDAYS_9_TO_5("UTC"))).toBe(0);
  });
});

describe("the writers keep each conversation's moments", () => {
  it("sets the first message and first response from webhooks, the resolution on resolving, and clears it when the user writes again", async () => {
    const { organization, owner } = await createOrganization();
    const ctx = await memberContext(owner.id, organization.id);
    const connection = await createWebhookConnection({ organizationId: organization.id });
    const conversationId = suncoId();
    const userId = suncoId();
    const start = Date.now() - 60 * 60_000;
    const at = (minutes: number) => new Date(start + minutes * 60_000).toISOString();
    const business = (minutes: number) => ({
      id: suncoId(),
      type: "conversation:message",
      createdAt: at(minutes),
      payload: {
        conversation: { id: conversationId, type: "personal" },
        message: { id: suncoId(), received: at(minutes), author: { type: "business", displayName: "Ada" }, content: { type: "text", text: "On it" } },
      },
    });
    // A business message before the user's first (a greeting) is no response; the one 4 minutes after is.
    await deliver(connection, [business(0), userMessageEvent({ conversationId, userId, received: at(1) }), userMessageEvent({ conversationId, userId, received: at(2) })]);
    await drainWebhookEvents();
    await deliver(connection, [business(5), business(7)]);
    await drainWebhookEvents();
    const row = () => db().conversation.findFirstOrThrow({ where: { connectionId: connection.id, suncoConversationId: conversationId } });
    expect(await row()).toMatchObject({ firstUserMessageAt: new Date(at(1)), firstResponseAt: new Date(at(5)), firstResponseSeconds: 240, resolvedAt: null });

    const { id } = await row();
    await setConversationsStatus(ctx, [id], "resolved");
    const resolved = await row();
    expect(resolved.resolvedAt).not.toBeNull();
    expect(resolved.resolutionSeconds).toBeCloseTo((resolved.resolvedAt!.getTime() - resolved.createdAt.getTime()) / 1000, 1);

    await deliver(connection, [userMessageEvent({ conversationId, userId, received: new Date().toISOString() })]);
    await drainWebhookEvents();
    expect(await row()).toMatchObject({ status: "open", resolvedAt: null, resolutionSeconds: null, firstResponseSeconds: 240 });
  });

  it("recounts stored durations in business hours when a team's hours are saved", async () => {
    const { organization, owner } = await createOrganization();
    const ctx = await memberContext(owner.id, organization.id);
    const connection = await createWebhookConnection({ organizationId: organization.id });
    const team = await createTeam({ organizationId: organization.id, connectionIds: [connection.id] });
    const id = await insertConversation(organization.id, connection.id, {
      createdAt: "2026-01-09T21:30:00Z",
      firstUserMessageAt: "2026-01-09T21:30:00Z",
      firstResponseAt: "2026-01-12T15:00:00Z",
      resolvedAt: "2026-01-12T15:00:00Z",
    });
    await setTeamBusinessHours(ctx, team.id, WEEKDAYS_9_TO_5("America/New_York"));
    expect(await db().conversation.findUniqueOrThrow({ where: { id } })).toMatchObject({ firstResponseSeconds: 5_400, resolutionSeconds: 5_400 });
    await setTeamBusinessHours(ctx, team.id, null);
    expect(await db().conversation.findUniqueOrThrow({ where: { id } })).toMatchObject({ firstResponseSeconds: 235_800, resolutionSeconds: 235_800 });
  });
});

/** A conversation row as the writers would have left it; durations are taken as given unless computed from moments. */
async function insertConversation(
  organizationId: string,
  connectionId: string,
  spec: { createdAt: string; firstUserMessageAt?: string; firstResponseAt?: string; firstResponseSeconds?: number; resolvedAt?: string; resolutionSeconds?: number; assigneeId?: string },
): Promise<string> {
  const { rows } = await sql().query<{ id: string }>(
    `INSERT INTO "Conversation" ("organizationId", "connectionId", "suncoConversationId", "type", "lastActivityAt", "createdAt", "status", "assigneeId",
       "firstUserMessageAt", "firstResponseAt", "firstResponseSeconds", "resolvedAt", "resolutionSeconds")
     VALUES ($1, $2, $3, 'personal', $4, $4, $5::"ConversationStatus", $6, $7, $8, $9, $10, $11) RETURNING "id"`,
    [
      organizationId,
      connectionId,
      suncoId(),
      spec.createdAt,
      spec.resolvedAt ? "resolved" : "open",
      spec.assigneeId ?? null,
      spec.firstUserMessageAt ?? null,
      spec.firstResponseAt ?? null,
      spec.firstResponseSeconds ?? null,
      spec.resolvedAt ?? null,
      spec.resolutionSeconds ?? null,
    ],
  );
  return rows[0]!.id;
}

/** The tallies' report against the exact one: every row and count equal, each duration within its bucket's 10%. */
function expectSameFigures(tallied: Report, exact: Report) {
  const durations = (figures: Figures) => [figures.firstResponse.median, figures.firstResponse.p90, figures.resolution.median, figures.resolution.p90];
  const counts = (figures: Figures) => ({ ...figures, firstResponse: null, resolution: null });
  const rows = (report: Report) => [
    ["total", report.total] as const,
    ...Object.entries(report.rows).flatMap(([dimension, list]) => list.map((row) => [`${dimension} ${row.key} ${row.name}`, row] as const)),
  ];
  expect(rows(tallied).map(([key, figures]) => [key, counts(figures)])).toEqual(rows(exact).map(([key, figures]) => [key, counts(figures)]));
  rows(tallied).forEach(([key, figures], i) => {
    const expected = durations(rows(exact)[i]![1]);
    durations(figures).forEach((seconds, j) => {
      if (expected[j] === null) expect(seconds, key).toBeNull();
      else expect(Math.abs(seconds! - expected[j]!), `${key}: ${seconds} for ${expected[j]}`).toBeLessThanOrEqual(0.1 * expected[j]! + 0.001);
    });
  });
}

async function insertRating(organizationId: string, conversationId: string, connectionId: string, rating: number, answeredAt: string, assigneeId: string | null = null) {
  await db().satisfactionSurvey.create({
    data: { id: crypto.randomUUID(), organizationId, conversationId, connectionId, assigneeId, rating, answeredAt: new Date(answeredAt) },
  });
}

describe("figures", () => {
  const fixture = {} as {
    organizationId: string;
    owner: MemberContext;
    admin: MemberContext;
    lead: MemberContext;
    leadsTeammate: MemberContext;
    agent: MemberContext;
    north: string;
    south: string;
    northTeam: string;
    southTeam: string;
  };
  // Paris is UTC+1 in November: 23:30 UTC on the 1st is the 2nd there.
  const period = () => reportPeriod({ from: "2026-11-01", to: "2026-11-03" }, "Europe/Paris");

  beforeAll(async () => {
    const { organization, owner } = await createOrganization();
    fixture.organizationId = organization.id;
    fixture.owner = await memberContext(owner.id, organization.id);
    await db().organization.update({ where: { id: organization.id }, data: { timeZone: "Europe/Paris" } });
    const member = async (role: "agent" | "admin") => memberContext((await addMember(organization.id, role)).id, organization.id);
    fixture.admin = await member("admin");
    fixture.lead = await member("agent");
    fixture.leadsTeammate = await member("agent");
    fixture.agent = await member("agent");
    fixture.north = (await createWebhookConnection({ organizationId: organization.id })).id;
    fixture.south = (await createWebhookConnection({ organizationId: organization.id })).id;
    await db().connection.update({ where: { id: fixture.north }, data: { appName: "=HYPERLINK(\"http://evil\")" } });
    fixture.northTeam = (
      await createTeam({
        organizationId: organization.id,
        name: "North",
        members: [{ userId: fixture.lead.actor.id, lead: true }, fixture.leadsTeammate.actor.id],
        connectionIds: [fixture.north],
      })
    ).id;
    fixture.southTeam = (await createTeam({ organizationId: organization.id, name: "South", members: [fixture.agent.actor.id], connectionIds: [fixture.south] })).id;

    const { north, south } = fixture;
    const teammate = fixture.leadsTeammate.actor.id;
    const other = fixture.agent.actor.id;
    // Opened in the period (Paris days): 1st ×1, 2nd ×2 (one at 23:30 UTC on the 1st), 3rd ×1; one on the 4th is out.
    const a = await insertConversation(fixture.organizationId, north, { createdAt: "2026-11-01T10:00:00Z", firstResponseSeconds: 60, resolvedAt: "2026-11-01T11:00:00Z", resolutionSeconds: 3_600, assigneeId: teammate });
    await insertConversation(fixture.organizationId, north, { createdAt: "2026-11-01T23:30:00Z", firstResponseSeconds: 120, resolvedAt: "2026-11-02T12:00:00Z", resolutionSeconds: 10_800 });
    const c = await insertConversation(fixture.organizationId, south, { createdAt: "2026-11-02T09:00:00Z", firstResponseSeconds: 300, resolvedAt: "2026-11-03T09:00:00Z", resolutionSeconds: 7_200, assigneeId: other });
    await insertConversation(fixture.organizationId, south, { createdAt: "2026-11-03T22:59:00Z", firstResponseSeconds: 600 });
    await insertConversation(fixture.organizationId, south, { createdAt: "2026-11-03T23:00:00Z", firstResponseSeconds: 9_999 });
    // Opened before the period, resolved in it (on the 3rd, Paris time), never answered.
    await insertConversation(fixture.organizationId, north, { createdAt: "2026-10-20T10:00:00Z", resolvedAt: "2026-11-03T20:00:00Z", resolutionSeconds: 1_800 });
    await insertRating(fixture.organizationId, a, north, 5, "2026-11-01T12:00:00Z", teammate);
    await insertRating(fixture.organizationId, a, north, 4, "2026-11-02T12:00:00Z", teammate);
    await insertRating(fixture.organizationId, c, south, 2, "2026-11-03T12:00:00Z", other);
    await insertRating(fixture.organizationId, c, south, 1, "2026-11-04T12:00:00Z", other);
  });

  it("match hand-computed totals: counts, percentile_cont medians and p90s, CSAT", async () => {
    const report = await reportFigures(fixture.owner, period());
    expect(report.total).toEqual({
      opened: 4,
      responded: 4,
      // 60, 120, 300, 600: the median between 120 and 300; the p90 at rank 2.7, 300 + 0.7 × 300.
      firstResponse: { median: 210, p90: 510 },
      resolved: 4,
      // 1800, 3600, 7200, 10800: median 5400; p90 at rank 2.7, 7200 + 0.7 × 3600.
      resolution: { median: 5_400, p90: 9_720 },
      csat: { count: 3, average: 11 / 3, satisfiedShare: 2 / 3 },
    });
  });

  it("count days in the organization's time zone, every day of the period listed", async () => {
    const report = await reportFigures(fixture.owner, period());
    expect(report.rows.day.map((row) => [row.key, row.opened, row.resolved, row.csat.count])).toEqual([
      ["2026-11-01", 1, 1, 1],
      ["2026-11-02", 2, 1, 1],
      ["2026-11-03", 1, 2, 1],
    ]);
    expect(report.rows.day[1]!.firstResponse).toEqual({ median: 210, p90: 282 });
  });

  it("break down by connection, team and agent", async () => {
    const report = await reportFigures(fixture.owner, period());
    const byTeam = Object.fromEntries(report.rows.team.map((row) => [row.name, [row.opened, row.resolved, row.csat.count]]));
    expect(byTeam).toEqual({ North: [2, 3, 2], South: [2, 1, 1] });
    const byConnection = Object.fromEntries(report.rows.connection.map((row) => [row.key, row.opened]));
    expect(byConnection).toEqual({ [fixture.north]: 2, [fixture.south]: 2 });
    const byAgent = Object.fromEntries(report.rows.agent.map((row) => [row.key, [row.opened, row.csat.average]]));
    expect(byAgent).toEqual({ [fixture.leadsTeammate.actor.id]: [1, 4.5], [fixture.agent.actor.id]: [1, 2], unassigned: [2, null] });
  });

  it("read from the tallies: the same rows and counts, durations within 10% (a large period's way)", async () => {
    for (const ctx of [fixture.owner, fixture.admin, fixture.lead]) {
      expectSameFigures(await reportFigures(ctx, period(), { exactUpTo: -1 }), await reportFigures(ctx, period()));
    }
  });

  it("show a lead only their teams' connections, team and agents; an admin everything; refuse an agent who leads nothing", async () => {
    const led = await reportFigures(fixture.lead, period());
    expect(led.total).toMatchObject({ opened: 2, resolved: 3, csat: { count: 2, average: 4.5, satisfiedShare: 1 } });
    expect(led.rows.team.map((row) => row.name)).toEqual(["North"]);
    expect(led.rows.connection.map((row) => row.key)).toEqual([fixture.north]);
    expect(led.rows.agent.map((row) => row.key).sort()).toEqual([fixture.leadsTeammate.actor.id, "unassigned"].sort());

    expect((await reportFigures(fixture.admin, period())).total.opened).toBe(4);
    await expect(reportFigures(fixture.agent, period())).rejects.toThrow(ForbiddenError);
  });

  it("exports CSV with every formula-like cell made inert and quoted cells escaped", async () => {
    const lines = [...reportCsv(await reportFigures(fixture.owner, period()))];
    expect(lines[0]).toMatch(/^breakdown,key,name,opened,/);
    expect(lines[1]).toBe("total,2026-11-01..2026-11-03,Europe/Paris,4,4,210,510,4,5400,9720,3,3.667,0.667\r\n");
    expect(lines.find((line) => line.startsWith(`connection,${fixture.north},`))).toContain(`,"'=HYPERLINK(""http://evil"")",2,`);
    expect(lines.every((line) => line.endsWith("\r\n"))).toBe(true);
    expect(csvCell("+1")).toBe(`"'+1"`);
    expect(csvCell("-2")).toBe(`"'-2"`);
    expect(csvCell("@SUM(A1)")).toBe(`"'@SUM(A1)"`);
    expect(csvCell("\tcmd")).toBe(`"'\tcmd"`);
    expect(csvCell('Ada, "the first"')).toBe(`"Ada, ""the first"""`);
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell(-2)).toBe("-2");
  });
});

describe("the report tallies", () => {
  async function tenant() {
    const { organization, owner } = await createOrganization();
    const ctx = await memberContext(owner.id, organization.id);
    const agent = await memberContext((await addMember(organization.id, "agent")).id, organization.id);
    const connection = await createWebhookConnection({ organizationId: organization.id });
    const team = await createTeam({ organizationId: organization.id, members: [{ userId: agent.actor.id, lead: true }], connectionIds: [connection.id] });
    /** The tallies' report equals the exact one, for the owner and the team's lead, over the last 90 days. */
    const agree = async () => {
      const { timeZone } = await organizationSettings(ctx);
      for (const member of [ctx, agent]) {
        expectSameFigures(await reportFigures(member, reportPeriod({ days: "90" }, timeZone), { exactUpTo: -1 }), await reportFigures(member, reportPeriod({ days: "90" }, timeZone)));
      }
      return reportFigures(ctx, reportPeriod({ days: "90" }, timeZone), { exactUpTo: -1 });
    };
    return { organizationId: organization.id, ctx, agent, connectionId: connection.id, teamId: team.id, agree };
  }
  const daysAgo = (days: number, hour = 10) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 11) + `${hour}:00:00Z`;

  it("follow every change a report counts: first response, assignment, resolution, reopening, business hours, deletion, time zone", async () => {
    const { organizationId, ctx, agent, connectionId, teamId, agree } = await tenant();
    const older = await insertConversation(organizationId, connectionId, { createdAt: daysAgo(20) });
    const newer = await insertConversation(organizationId, connectionId, { createdAt: daysAgo(10), firstUserMessageAt: daysAgo(10), firstResponseAt: daysAgo(10, 11), firstResponseSeconds: 3_600 });
    expect((await agree()).total).toMatchObject({ opened: 2, responded: 1 });
    // A first response for the older conversation: the tallies of every later day are rewritten.
    await sql().query(`UPDATE "Conversation" SET "firstUserMessageAt" = $2, "firstResponseAt" = $3, "firstResponseSeconds" = 90000 WHERE "id" = $1`, [older, daysAgo(20), daysAgo(19)]);
    expect((await agree()).total).toMatchObject({ opened: 2, responded: 2 });
    await assignConversations(ctx, [older], agent.actor.id);
    expect((await agree()).rows.agent.map((row) => [row.key, row.opened])).toEqual([[agent.actor.id, 1], ["unassigned", 1]].sort());
    await setConversationsStatus(ctx, [older, newer], "resolved");
    expect((await agree()).total.resolved).toBe(2);
    await setConversationsStatus(ctx, [newer], "open");
    await setTeamBusinessHours(ctx, teamId, WEEKDAYS_9_TO_5("UTC"));
    await agree();
    await sql().query(`DELETE FROM "Conversation" WHERE "id" = $1`, [newer]);
    expect((await agree()).total.opened).toBe(1);
    // Days move with the time zone: the tallies are counted again.
    await setOrganizationTimeZone(ctx, "Pacific/Kiritimati");
    await agree();
  });

  it("count each change once when folds run side by side", async () => {
    const { organizationId, connectionId, agree } = await tenant();
    for (let i = 0; i < 30; i++) await insertConversation(organizationId, connectionId, { createdAt: daysAgo(i % 7), firstResponseSeconds: 60 * (i + 1), resolvedAt: daysAgo(i % 5, 12), resolutionSeconds: 600 * (i + 1) });
    await Promise.all([foldReportTallies(organizationId), foldReportTallies(organizationId), foldAllReportTallies()]);
    expect(await db().reportTallyChange.count({ where: { organizationId } })).toBe(0);
    expect((await agree()).total).toMatchObject({ opened: 30, responded: 30, resolved: 30 });
  });

  it("fold one at a time per organization: housekeeping waits for the lock, a report waits a second and then counts from the conversations", async () => {
    const { organizationId, ctx, connectionId } = await tenant();
    await insertConversation(organizationId, connectionId, { createdAt: daysAgo(2), firstResponseSeconds: 120 });
    const period = reportPeriod({ days: "30" }, "UTC");
    if (!onPostgres) {
      expect((await reportFigures(ctx, period, { exactUpTo: -1 })).total.opened).toBe(1);
      return;
    }
    const other = database.connectAgain();
    try {
      let release = () => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      let held = () => {};
      const holding = new Promise<void>((resolve) => (held = resolve));
      const holder = other.transaction(async (tx) => {
        await tx.query(`SELECT pg_advisory_xact_lock(29300, hashtext($1))`, [organizationId]);
        held();
        await released;
      });
      await holding;
      let folded = false;
      const fold = foldReportTallies(organizationId).then(() => (folded = true));
      // The report gives up on the lock after a second and counts exactly (the same figures), the fold still waits.
      const started = Date.now();
      expect((await reportFigures(ctx, period, { exactUpTo: -1 })).total).toMatchObject({ opened: 1, firstResponse: { median: 120 } });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(folded).toBe(false);
      release();
      await holder;
      await fold;
      expect(await db().reportTallyChange.count({ where: { organizationId } })).toBe(0);
    } finally {
      await other.close();
    }
  });

  it("keep the fold log an hour", async () => {
    const { organizationId, connectionId } = await tenant();
    await insertConversation(organizationId, connectionId, { createdAt: daysAgo(1) });
    await foldReportTallies(organizationId);
    const [kept] = await db().reportTallyFold.findMany({ where: { organizationId } });
    const old = await db().reportTallyFold.create({ data: { organizationId, firstDay: new Date("2026-01-01"), foldedAt: new Date(Date.now() - 3_700_000) } });
    expect(await pruneReportTallyFolds()).toBeGreaterThanOrEqual(1);
    expect((await db().reportTallyFold.findMany({ where: { organizationId } })).map((fold) => fold.version)).toEqual([kept!.version]);
    expect(old.version).not.toBe(kept!.version);
  });

  it("bucket durations in SQL by the bounds the histogram reads (0 s apart, no number at all in the last)", async () => {
    for (const seconds of [0, 0.001, 0.999, 1, 1.1, 59.99, 60, 3_600, 30 * 86_400, 1e9]) {
      const { rows } = await sql().query<{ bucket: number }>(`SELECT "report_bucket"($1) AS "bucket"`, [seconds]);
      const [lower, upper] = bucketBounds(rows[0]!.bucket - 1);
      const inside = seconds === 0 ? rows[0]!.bucket === 1 : seconds >= lower && (seconds < upper || rows[0]!.bucket === 201);
      expect(inside, `${seconds} s in bucket ${rows[0]!.bucket}`).toBe(true);
    }
    const { rows } = await sql().query<{ nan: number; infinite: number }>(`SELECT "report_bucket"('NaN') AS "nan", "report_bucket"('Infinity') AS "infinite"`);
    expect(rows[0]).toEqual({ nan: 201, infinite: 201 });
  });

  it("read a duration of 0 s (wholly outside business hours) as 0", async () => {
    const { organizationId, ctx, connectionId } = await tenant();
    await insertConversation(organizationId, connectionId, { createdAt: daysAgo(3), firstResponseSeconds: 0, resolvedAt: daysAgo(2), resolutionSeconds: 0 });
    const { timeZone } = await organizationSettings(ctx);
    const report = await reportFigures(ctx, reportPeriod({ days: "30" }, timeZone), { exactUpTo: -1 });
    expect(report.total).toMatchObject({ firstResponse: { median: 0, p90: 0 }, resolution: { median: 0, p90: 0 } });
  });
});
