// Applies a batch of stored webhook events to the read model inside the caller's transaction: events are put in
// SunCo time order, folded into as few writes as possible, and structural events (merges, removals) are applied
// between the stretches they separate. Returns each event's outcome and what to tell open inbox pages.
import type { SqlExecutor } from "@/lib/db";
import { enqueueMany } from "@/lib/jobs";
import { publishLiveEvents, type LiveEventInput } from "@/lib/live/publish";
import { messageNotifications } from "@/lib/notifications/produce";
import { recordNotifications } from "@/lib/notifications/record";
import { partnerEventsOf, recordPartnerEvents } from "@/lib/partner-events";
import { assignWrittenConversations } from "@/lib/teams/auto-assign";
import { classifyWebhookEvent, type KnownWebhookEvent, type WebhookEvent } from "@/lib/sunco/schemas";
import { CONVERSATION_HISTORY_QUEUE } from "./history";
import { withConnections, type ConversationLiveEvent } from "./live-events";
import { ReadModelChanges } from "./read-model-changes";
import { isStructuralEvent, reduceEvent, type EventContext } from "./reduce-event";
import { applyStructuralEvent } from "./structural-events";
import { writeChanges, type ConversationRef, type ReadMessageRow } from "./write-changes";

export interface StoredEvent {
  id: string;
  connectionId: string;
  organizationId: string;
  suncoEventId: string;
  type: string;
  occurredAt: Date | null;
  receivedAt: Date;
  /** The event as delivered. */
  event: unknown;
}

export type EventOutcome =
  | { id: string; state: "processed" }
  /** A type the spec has no schema for: kept for the log. */
  | { id: string; state: "ignored" }
  /** A payload that does not match the spec: retrying cannot help, a replay after a fix can. */
  | { id: string; state: "failed"; error: string };

export interface ApplyResult {
  outcomes: EventOutcome[];
  /** Conversations Sunbridge saw for the first time. */
  newConversations: ConversationRef[];
}

interface Classified {
  stored: StoredEvent;
  context: EventContext;
  event: KnownWebhookEvent;
}

function classify(events: StoredEvent[], outcomes: EventOutcome[]): Classified[] {
  const known: Classified[] = [];
  for (const stored of events) {
    const classified = classifyWebhookEvent(stored.event as WebhookEvent);
    if (classified.kind === "unknown") {
      outcomes.push({ id: stored.id, state: "ignored" });
    } else if (classified.kind === "invalid") {
      outcomes.push({ id: stored.id, state: "failed", error: `The payload does not match SunCo's schema: ${classified.problems.join("; ")}` });
    } else {
      const context: EventContext = {
        connectionId: stored.connectionId,
        organizationId: stored.organizationId,
        suncoEventId: stored.suncoEventId,
        at: stored.occurredAt ?? stored.receivedAt,
      };
      known.push({ stored, context, event: classified.event });
    }
  }
  return known.sort((a, b) => a.context.at.getTime() - b.context.at.getTime() || Number(BigInt(a.stored.id) - BigInt(b.stored.id)));
}

/** The queues applying events adds jobs to. */
export const READ_MODEL_QUEUES = [CONVERSATION_HISTORY_QUEUE];

/**
 * Another module's work on the same events (lib/outreach settles channel links), run once the read model is written
 * and before the ordering locks of partner and live events are taken: it may lock and write rows, which must never be
 * waited for while those locks are held. What it returns is published with the batch's live events.
 */
export type AlongsideWrites = (tx: SqlExecutor) => Promise<LiveEventInput[]>;

/** Applies `events` (already claimed by the caller) and queues the history of conversations seen for the first time. */
export async function applyWebhookEvents(tx: SqlExecutor, events: StoredEvent[], alongside?: AlongsideWrites): Promise<ApplyResult> {
  const outcomes: EventOutcome[] = [];
  const live: ConversationLiveEvent[] = [];
  const newConversations = new Map<string, ConversationRef>();
  const written = new Map<string, ConversationRef>();
  const reopened = new Set<string>();
  const read: ReadMessageRow[] = [];
  let changes = new ReadModelChanges();

  const flush = async () => {
    if (changes.isEmpty) return;
    const wrote = await writeChanges(tx, changes, { unreadAfter: null });
    for (const conversation of wrote.conversations.values()) {
      written.set(conversation.id, conversation);
      if (conversation.inserted) newConversations.set(conversation.id, conversation);
    }
    live.push(...wrote.live);
    wrote.reopened.forEach((id) => reopened.add(id));
    read.push(...wrote.read);
    changes = new ReadModelChanges();
  };

  for (const { stored, context, event } of classify(events, outcomes)) {
    if (isStructuralEvent(event)) {
      await flush();
      live.push(...(await applyStructuralEvent(tx, context, event)));
    } else {
      reduceEvent(changes, context, event);
    }
    outcomes.push({ id: stored.id, state: "processed" });
  }
  await flush();
  const more = alongside ? await alongside(tx) : [];
  await followWrites(tx, { live, newConversations, written, reopened, read }, more);
  return { outcomes, newConversations: [...newConversations.values()] };
}

/** What a transaction wrote to the read model, for what follows it. */
export interface Writes {
  live: ConversationLiveEvent[];
  /** Conversations Sunbridge saw for the first time. */
  newConversations: Map<string, ConversationRef>;
  written: Map<string, ConversationRef>;
  /** Conversations an end user's message reopened. */
  reopened: ReadonlySet<string>;
  /** Business messages an end user's read newly covers. */
  read: ReadMessageRow[];
}

/**
 * What follows every write to the read model, in its transaction: the history of conversations seen for the first
 * time, the partner's events, auto-assignment, notifications and open pages.
 */
export async function followWrites(tx: SqlExecutor, { live, newConversations, written, reopened, read }: Writes, more: readonly LiveEventInput[] = []) {
  const firstSeen = [...newConversations.values()].map((conversation) => ({ conversationId: conversation.id }));
  await enqueueMany(CONVERSATION_HISTORY_QUEUE, firstSeen, { executor: tx });
  await recordPartnerEvents(tx, partnerEventsOf(live, { created: newConversations.keys(), reopened, read }));
  // New, written-to and reopened conversations that are open and unassigned wait for a team's agent (lib/teams).
  await assignWrittenConversations(tx, [...written.values()]);
  // The assignee of a conversation an end user wrote to is told (lib/notifications).
  const notices = await recordNotifications(tx, messageNotifications(live));
  await publishLiveEvents(tx, [...withConnections(live), ...more, ...notices]);
}
