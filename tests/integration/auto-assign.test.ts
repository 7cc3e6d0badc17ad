// Auto-assignment (lib/teams/auto-assign.ts): conversations go to a team's available agents within their capacity,
// the most free room first and round-robin among equals, safely from several app instances at once; those nobody has
// room for wait, and are assigned as soon as room frees; agents who are offline, away or idle receive none.
import { afterAll, describe, expect, it } from "vitest";
import type { MemberContext } from "@/lib/auth/require-member";
import { db, sql, type SqlDriver } from "@/lib/db";
import { setConversationStatus } from "@/lib/inbox";
import { startWorkers, stopJobs, type QueueDefinition } from "@/lib/jobs";
import { assignWaiting, AUTO_ASSIGN_QUEUE, joinLine, setAvailability, touchPresence } from "@/lib/teams";
import { drainWebhookEvents } from "@/lib/webhooks";
import { addMember, createOrganization, memberContext } from "../support/builders";
import { withTestDatabase } from "../support/database";
import { createConversation } from "../support/inbox";
import { createTeam } from "../support/teams";
import { createWebhookConnection, deliver, suncoId, userMessageEvent } from "../support/webhooks";

const database = withTestDatabase();
afterAll(() => stopJobs());

async function eventually<T>(check: () => Promise<T | null | false>, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** An organization with one auto-assigning team of `agents` agents of capacity `capacity`, all present and online. */
async function teamOf(agents: number, capacity: number) {
  const { organization } = await createOrganization();
  const connection = await createWebhookConnection({ organizationId: organization.id });
  const members: MemberContext[] = [];
  for (let i = 0; i < agents; i++) members.push(await memberContext((await addMember(organization.id, "agent")).id, organization.id));
  await createTeam({ organizationId: organization.id, members: members.map((m) => ({ userId: m.actor.id, capacity })), connectionIds: [connection.id] });
  await touchPresence(members.map((m) => ({ organizationId: organization.id, userId: m.actor.id })), true);
  return { organizationId: organization.id, connection, members };
}

const openConversations = (organizationId: string, count: number, connectionId: string) =>
  Promise.all(Array.from({ length: count }, () => createConversation({ organizationId, connectionId, messages: [{ text: "Help" }] })));

async function loadOf(organizationId: string) {
  const rows = await db().conversation.groupBy({ by: ["assigneeId"], where: { organizationId, status: "open" }, _count: true });
  return Object.fromEntries(rows.map((row) => [row.assigneeId ?? "nobody", row._count]));
}

const waitingIn = (organizationId: string) => db().waitingConversation.count({ where: { organizationId } });

describe("auto-assignment", () => {
  it("gives 3 agents of capacity 2 two each of 10 conversations arriving at two instances at once; 4 wait; the offline agent none", async () => {
    const { organizationId, connection, members } = await teamOf(3, 2);
    const offline = await memberContext((await addMember(organizationId, "agent")).id, organizationId);
    await db().teamMember.create({ data: { teamId: (await db().team.findFirstOrThrow({ where: { organizationId } })).id, organizationId, userId: offline.actor.id, capacity: 2 } });
    await touchPresence([{ organizationId, userId: offline.actor.id }], true);
    await setAvailability(offline, "offline");

    const conversations = await openConversations(organizationId, 10, connection.id);
    // Two app instances, each with its own connection to the database, each hearing of half the conversations.
    const instances: SqlDriver[] = [sql(), database.connectAgain()];
    try {
      await Promise.all(instances.map((driver, i) => joinLine(organizationId, conversations.filter((_, n) => n % 2 === i).map((c) => c.id), driver)));
      // Both rounds at once, each a few times, as jobs on two instances would run them.
      const rounds = await Promise.all(
        instances.map(async (driver) => {
          const made = [];
          for (let round = 0; round < 3; round++) made.push(...(await assignWaiting(organizationId, driver)));
          return made;
        }),
      );
      const assigned = rounds.flat().map((assignment) => assignment.conversationId);
      // No conversation assigned twice.
      expect(new Set(assigned).size).toBe(assigned.length);
    } finally {
      if (instances[1] !== sql()) await instances[1]!.close();
    }

    expect(await loadOf(organizationId)).toEqual({ [members[0]!.actor.id]: 2, [members[1]!.actor.id]: 2, [members[2]!.actor.id]: 2, nobody: 4 });
    expect(await waitingIn(organizationId)).toBe(4);
  });

  it("assigns the next waiting conversation as soon as an agent resolving one frees room", async () => {
    const { organizationId, connection, members } = await teamOf(2, 1);
    const conversations = await openConversations(organizationId, 3, connection.id);
    await joinLine(organizationId, conversations.map((c) => c.id));
    await assignWaiting(organizationId);
    expect(await waitingIn(organizationId)).toBe(1);
    await startWorkers([AUTO_ASSIGN_QUEUE as QueueDefinition<object>]);

    const agent = members[0]!;
    const mine = await db().conversation.findFirstOrThrow({ where: { organizationId, assigneeId: agent.actor.id } });
    const resolvedAt = Date.now();
    await setConversationStatus(agent, mine.id, "resolved");
    await eventually(async () => (await waitingIn(organizationId)) === 0);
    // Woken by the resolve (well under a second on a quiet machine), not by a periodic sweep; the bound leaves room
    // for a loaded test machine.
    expect(Date.now() - resolvedAt).toBeLessThan(5000);
    expect(await loadOf(organizationId)).toEqual({ [members[0]!.actor.id]: 1, [members[1]!.actor.id]: 1 });
  });

  it("goes to the agent with the most room, then the one assigned longest ago", async () => {
    const { organizationId, connection, members } = await teamOf(2, 3);
    const [a, b] = members.map((m) => m.actor.id) as [string, string];
    await createConversation({ organizationId, connectionId: connection.id, assigneeId: a });
    const conversations = await openConversations(organizationId, 3, connection.id);
    for (const conversation of conversations) {
      await joinLine(organizationId, [conversation.id]);
      await assignWaiting(organizationId);
    }
    // b had more room for the first; then both had 2 left and a was assigned longest ago (never); then b.
    const assignees = await Promise.all(conversations.map(async (c) => (await db().conversation.findUniqueOrThrow({ where: { id: c.id } })).assigneeId));
    expect(assignees).toEqual([b, a, b]);
  });

  it("skips agents who are away, idle, or have closed every tab, and takes them back when they return", async () => {
    const { organizationId, connection, members } = await teamOf(3, 5);
    const [away, idle, gone] = members;
    await setAvailability(away!, "away");
    await sql().query(`UPDATE "AgentAvailability" SET "activeAt" = now() - interval '2 hours' WHERE "userId" = $1`, [idle!.actor.id]);
    await sql().query(`UPDATE "AgentAvailability" SET "seenAt" = now() - interval '5 minutes' WHERE "userId" = $1`, [gone!.actor.id]);
    const conversations = await openConversations(organizationId, 2, connection.id);
    await joinLine(organizationId, conversations.map((c) => c.id));
    expect(await assignWaiting(organizationId)).toEqual([]);
    expect(await waitingIn(organizationId)).toBe(2);

    // Coming online asks for a round (a job).
    await startWorkers([AUTO_ASSIGN_QUEUE as QueueDefinition<object>]);
    await setAvailability(away!, "online");
    await eventually(async () => (await waitingIn(organizationId)) === 0);
    expect(await loadOf(organizationId)).toEqual({ [away!.actor.id]: 2 });
  });

  it("puts a conversation an agent reopens without an assignee in line, and not one reopened with its assignee", async () => {
    const { organizationId, connection, members } = await teamOf(1, 0);
    const [agent] = members as [MemberContext];
    const unassigned = await createConversation({ organizationId, connectionId: connection.id, status: "resolved" });
    const kept = await createConversation({ organizationId, connectionId: connection.id, status: "resolved", assigneeId: agent.actor.id });
    await setConversationStatus(agent, unassigned.id, "open");
    await setConversationStatus(agent, kept.id, "open");
    // Capacity 0: nobody takes it, so it stays in line.
    expect((await db().waitingConversation.findMany({ where: { organizationId } })).map((w) => w.conversationId)).toEqual([unassigned.id]);
  });

  it("puts a conversation a webhook opens in line and assigns it, but nothing in an organization without teams", async () => {
    await startWorkers([AUTO_ASSIGN_QUEUE as QueueDefinition<object>]);
    const { organizationId, connection, members } = await teamOf(1, 2);
    const suncoConversationId = suncoId();
    expect((await deliver(connection, [userMessageEvent({ conversationId: suncoConversationId, userId: suncoId() })])).status).toBe(200);
    await drainWebhookEvents();
    const conversation = await eventually(async () => {
      const row = await db().conversation.findFirst({ where: { organizationId, suncoConversationId } });
      return row?.assigneeId ? row : null;
    });
    expect(conversation.assigneeId).toBe(members[0]!.actor.id);

    const { organization } = await createOrganization();
    const untouched = await createWebhookConnection({ organizationId: organization.id });
    expect((await deliver(untouched, [userMessageEvent({ conversationId: suncoId(), userId: suncoId() })])).status).toBe(200);
    await drainWebhookEvents();
    expect(await db().conversation.count({ where: { organizationId: organization.id, assigneeId: null } })).toBe(1);
    expect(await waitingIn(organization.id)).toBe(0);
  });
});

