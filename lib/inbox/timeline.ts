// A conversation's thread: its messages, the notes agents left and what else happened in it (postbacks, switchboard
// changes, channels linked), newest page first and keyset-paged backwards. Each source is read through its own
// (conversation, time DESC, id) index and the three are merged. The page order — time descending, then kind (so
// that at one millisecond the thread shows a message before the note and the activity about it), then id ascending
// as the indexes keep it — is what the cursor encodes, so that no item is skipped or repeated at a page boundary.
import type { ActorContext } from "@/lib/auth/actor";
import { sql, statement, withText, type Statement } from "@/lib/db";
import {
  ACTIVITY_COLUMNS,
  ACTIVITY_ROW,
  MESSAGE_COLUMNS,
  MESSAGE_ROW,
  NOTE_COLUMNS,
  NOTE_ROW,
  rowAsJson,
  type ActivityRow,
  type AsJson,
  type MessageRow,
  type NoteRow,
} from "@/lib/conversations";
import { findConversation } from "./conversation-access";
import { decodeCursor, encodeCursor } from "@/lib/db/keyset-cursor";

export const TIMELINE_PAGE_SIZE = 50;

export type ThreadMessage = { kind: "message" } & AsJson<MessageRow>;
export type ThreadNote = { kind: "note" } & AsJson<NoteRow>;
export type ThreadActivity = { kind: "activity" } & AsJson<ActivityRow>;

export type TimelineItem = ThreadMessage | ThreadNote | ThreadActivity;

export interface TimelinePage {
  /** Oldest first, as the thread shows them. */
  items: TimelineItem[];
  /** Pass as `before` for the page of older items; null when there are none. */
  before: string | null;
}

const KINDS = { message: { rank: 0, prefix: "m" }, note: { rank: 1, prefix: "n" }, activity: { rank: 2, prefix: "a" } } as const;
type Kind = keyof typeof KINDS;
const KIND_OF_PREFIX: Record<string, Kind> = { m: "message", n: "note", a: "activity" };
const CURSOR_ID = /^(?:[mn]-[0-9a-f-]{36}|a-\d{1,19})$/i;

/** A message row as the thread shows it. */
export const threadMessage = (row: MessageRow): ThreadMessage => ({ kind: "message", ...rowAsJson(row) });

const timeOf = (item: TimelineItem) => new Date(item.kind === "message" ? item.receivedAt : item.kind === "note" ? item.createdAt : item.occurredAt).getTime();

/** Page order: newest first; at the same millisecond, the later kind first, then by id. */
function pageOrder(a: TimelineItem, b: TimelineItem): number {
  const byTime = timeOf(b) - timeOf(a);
  if (byTime !== 0) return byTime;
  const byKind = KINDS[b.kind].rank - KINDS[a.kind].rank;
  if (byKind !== 0) return byKind;
  if (a.kind === "activity") return Number(BigInt(a.id) - BigInt(b.id));
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

interface Position {
  at: Date;
  kind: Kind;
  id: string;
}

/**
 * The condition on one source's rows (time column, id column) for "after `position` in page order": rows of a kind
 * that comes later in the page (a lower rank) may share its millisecond, rows of a kind that comes earlier may not,
 * and rows of its own kind share it only with a greater id.
 */
function afterPosition(kind: Kind, position: Position | null, time: string, id: string, params: unknown[]): string {
  if (!position) return "true";
  params.push(position.at);
  const at = `$${params.length}`;
  const rank = KINDS[kind].rank;
  const cursorRank = KINDS[position.kind].rank;
  if (rank < cursorRank) return `${time} <= ${at}`;
  if (rank > cursorRank) return `${time} < ${at}`;
  params.push(position.id);
  return `${time} <= ${at} AND (${time} < ${at} OR ${id} > $${params.length}${kind === "activity" ? "::bigint" : "::uuid"})`;
}

interface Source<Row extends object> {
  kind: Kind;
  /** SELECT … FROM … of the kind's row columns, with the conversation as $1; `time` and `id` name its order columns. */
  rows: Statement<Row>;
  time: string;
  id: string;
}

const MESSAGES: Source<MessageRow> = {
  kind: "message",
  rows: statement<MessageRow>(`SELECT ${MESSAGE_COLUMNS} FROM "Message" m WHERE m."conversationId" = $1`, MESSAGE_ROW),
  time: `m."receivedAt"`,
  id: `m."id"`,
};

const NOTES: Source<NoteRow> = {
  kind: "note",
  rows: statement<NoteRow>(`SELECT ${NOTE_COLUMNS} FROM "ConversationNote" WHERE "conversationId" = $1`, NOTE_ROW),
  time: `"createdAt"`,
  id: `"id"`,
};

const ACTIVITIES: Source<ActivityRow> = {
  kind: "activity",
  rows: statement<ActivityRow>(`SELECT ${ACTIVITY_COLUMNS} FROM "ConversationActivity" WHERE "conversationId" = $1`, ACTIVITY_ROW),
  time: `"occurredAt"`,
  id: `"id"`,
};

/** The source's newest `limit` items after `position` in page order. */
async function itemsBefore<Row extends object>(source: Source<Row>, conversationId: string, position: Position | null, limit: number) {
  const params: unknown[] = [conversationId, limit];
  const after = afterPosition(source.kind, position, source.time, source.id, params);
  const page = withText(source.rows, `${source.rows.text} AND ${after} ORDER BY ${source.time} DESC, ${source.id} LIMIT $2`);
  const { rows } = await sql().query(page, params);
  return rows.map((row) => ({ kind: source.kind, ...rowAsJson<object>(row) }) as TimelineItem);
}

function positionOf(cursor: string): Position {
  const { at, id } = decodeCursor(cursor, CURSOR_ID, "before");
  return { at, kind: KIND_OF_PREFIX[id[0]!]!, id: id.slice(2) };
}

const cursorOf = (item: TimelineItem) => encodeCursor(new Date(timeOf(item)), `${KINDS[item.kind].prefix}-${item.id}`);

export async function getTimeline(
  ctx: ActorContext,
  conversationId: string,
  options: { before?: string; limit?: number } = {},
): Promise<TimelinePage> {
  const conversation = await findConversation(ctx, conversationId);
  const limit = options.limit ?? TIMELINE_PAGE_SIZE;
  const position = options.before ? positionOf(options.before) : null;
  // One more than a page from each source: enough to know whether anything older remains.
  const sources = await Promise.all([
    itemsBefore(MESSAGES, conversation.id, position, limit + 1),
    itemsBefore(NOTES, conversation.id, position, limit + 1),
    itemsBefore(ACTIVITIES, conversation.id, position, limit + 1),
  ]);
  const merged = sources.flat().sort(pageOrder);
  const page = merged.slice(0, limit);
  const oldest = page.at(-1);
  return { items: page.reverse(), before: merged.length > limit && oldest ? cursorOf(oldest) : null };
}
