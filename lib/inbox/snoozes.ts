// Snoozed conversations come back: when their time comes, a sweep reopens them (the end user writing reopens one
// sooner: lib/conversations' message writer). The sweep is one statement that takes each due conversation once, so any
// number of processes may run it; each runs it every few seconds and whenever it is woken.
import { conversationUpdates } from "@/lib/conversations";
import { sql, statement } from "@/lib/db";
import { WakeLoop } from "@/lib/db/notifications";
import { publishLiveEvents } from "@/lib/live";
import { logger } from "@/lib/log";
import { conversationUpdatedEvents, recordPartnerEvents } from "@/lib/partner-events";
import { processSingleton } from "@/lib/singletons";
import { joinLine, requestAssignment } from "@/lib/teams";

const WAKE_CHANNEL = "sunbridge_snoozes";
const SWEEP_INTERVAL_MS = 5_000;
/** Conversations reopened per statement; a sweep that fills it runs again at once. */
const BATCH_SIZE = 500;

/** What the sweep reads time from: the wall clock, or one tests move (the mounted sandbox's, lib/server/background.ts). */
export type SnoozeClock = () => number;

const REOPEN_DUE = statement<{ id: string; organizationId: string; assigneeId: string | null }>(
  `UPDATE "Conversation" SET "status" = 'open', "snoozedUntil" = NULL
    WHERE "id" IN (SELECT "id" FROM "Conversation" WHERE "snoozedUntil" <= $1 ORDER BY "snoozedUntil" LIMIT $2
                   FOR UPDATE SKIP LOCKED)
    RETURNING "id", "organizationId", "assigneeId"`,
  { id: "string", organizationId: "string", assigneeId: "string?" },
);

/** Reopens the conversations whose snooze ended by `now`, and tells open pages; how many it reopened. */
export async function reopenDueSnoozes(now: Date = new Date()): Promise<number> {
  return sql().transaction(async (tx) => {
    const { rows } = await tx.query(REOPEN_DUE, [now, BATCH_SIZE]);
    // A reopened conversation nobody holds waits in line for a team's agent, as one reopened by hand does.
    const unassigned = new Map<string, string[]>();
    for (const row of rows) if (row.assigneeId === null) unassigned.set(row.organizationId, [...(unassigned.get(row.organizationId) ?? []), row.id]);
    for (const [organizationId, conversationIds] of unassigned) {
      await joinLine(organizationId, conversationIds, tx);
      await requestAssignment({ organizationId }, tx);
    }
    const updates = await conversationUpdates(tx, rows.map((row) => row.id));
    await recordPartnerEvents(tx, conversationUpdatedEvents(updates, "status"));
    await publishLiveEvents(tx, updates);
    return rows.length;
  });
}

const sweeper = () => processSingleton("snoozeSweep", () => ({ loop: undefined as WakeLoop | undefined }));

/** Starts this process's sweep (idempotent). */
export async function startSnoozeSweep(clock: SnoozeClock = Date.now): Promise<void> {
  const held = sweeper();
  if (held.loop) return;
  held.loop = new WakeLoop(WAKE_CHANNEL, async () => (await reopenDueSnoozes(new Date(clock()))) >= BATCH_SIZE, {
    fallbackMs: SWEEP_INTERVAL_MS,
    onError: (error) => logger().error({ err: error }, "snooze sweep: cannot reopen conversations"),
  });
  await held.loop.listening();
}

export async function stopSnoozeSweep(): Promise<void> {
  const held = sweeper();
  const loop = held.loop;
  held.loop = undefined;
  await loop?.stop();
}
