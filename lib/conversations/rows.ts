// The read model's rows as the inbox, the outbox and live pages read them: each row type beside the column list that
// produces it and the kinds of its columns for the statements that return it (lib/db/statement.ts; the compiler checks
// all three name the same fields), and their JSON form, in which times are ISO strings.
import type { ConversationStatus, MessageDeliveryStatus } from "@/lib/db/generated/enums";
import type { ColumnsOf } from "@/lib/db/statement";

/** A value as JSON carries it to a page: every Date becomes its ISO string. */
export type AsJson<T> = T extends Date
  ? string
  : T extends readonly (infer Item)[]
    ? AsJson<Item>[]
    : T extends object
      ? { [K in keyof T]: AsJson<T[K]> }
      : T;

/** A row whose times are at its top level, as JSON.stringify would give it. */
export function rowAsJson<Row extends object>(row: Row): AsJson<Row> {
  return Object.fromEntries(Object.entries(row).map(([name, value]) => [name, value instanceof Date ? value.toISOString() : value])) as AsJson<Row>;
}

/** Fields that are a column of the same name (of the table aliased `alias`, if any). */
function sameNamed<const Name extends string>(alias: string | null, names: readonly Name[]): Record<Name, string> {
  return Object.fromEntries(names.map((name) => [name, alias ? `${alias}."${name}"` : `"${name}"`])) as Record<Name, string>;
}

/** `expression AS "field"` for each field, in order. */
const selectList = (fields: Record<string, string>, names: readonly string[] = Object.keys(fields)) =>
  names.map((name) => `${fields[name]} AS "${name}"`).join(", ");

// ——— Messages ————————————————————————————————————————————————————————————————————————————————————————————————

export interface MessageRow {
  id: string;
  conversationId: string;
  clientMessageId: string | null;
  suncoMessageId: string | null;
  authorType: string;
  authorDisplayName: string | null;
  authorAvatarUrl: string | null;
  contentType: string;
  /** The content exactly as SunCo sent it (or as Sunbridge will send it). */
  content: unknown;
  text: string;
  sourceType: string | null;
  deleted: boolean;
  receivedAt: Date;
  deliveryStatus: MessageDeliveryStatus;
  deliveryError: string | null;
  /** An outbox message SunCo never took: the agent may send it again. */
  retryable: boolean;
}

const MESSAGE_FIELDS = {
  ...sameNamed("m", [
    "id", "conversationId", "clientMessageId", "suncoMessageId", "authorType", "authorDisplayName", "authorAvatarUrl",
    "contentType", "content", "text", "sourceType", "deleted", "receivedAt", "deliveryError",
  ]),
  deliveryStatus: `m."deliveryStatus"::text`,
  retryable: `COALESCE((SELECT o."state" = 'failed' FROM "OutboxMessage" o
             WHERE o."id" = CASE WHEN m."clientMessageId" ~* '^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$'
                                 THEN m."clientMessageId"::uuid END
               AND o."conversationId" = m."conversationId"), false)`,
} satisfies Record<keyof MessageRow, string>;

/** A MessageRow's columns, of "Message" aliased m (in a SELECT, or the RETURNING of an INSERT or UPDATE). */
export const MESSAGE_COLUMNS = selectList(MESSAGE_FIELDS);
/** The same names, to select a MessageRow again from a CTE that returned MESSAGE_COLUMNS. */
export const MESSAGE_COLUMN_NAMES = Object.keys(MESSAGE_FIELDS).map((name) => `"${name}"`).join(", ");
/** The kinds of a MessageRow's columns. */
export const MESSAGE_ROW: ColumnsOf<MessageRow> = {
  id: "string",
  conversationId: "string",
  clientMessageId: "string?",
  // Always set on what the webhooks write; null on an outbox message SunCo has not taken yet.
  suncoMessageId: "string?",
  authorType: "string",
  authorDisplayName: "string?",
  authorAvatarUrl: "string?",
  contentType: "string",
  content: "json?",
  text: "string",
  sourceType: "string?",
  deleted: "boolean",
  receivedAt: "Date",
  deliveryStatus: "string",
  deliveryError: "string?",
  retryable: "boolean",
};

// ——— Notes and activities (the rest of a thread) —————————————————————————————————————————————————————————————

/** A member a note mentions: `@name` in its text. */
export interface NoteMention {
  userId: string;
  /** The name the note mentioned them by (as written, kept if they rename). */
  name: string;
}

export interface NoteRow {
  id: string;
  authorId: string | null;
  authorName: string;
  text: string;
  mentions: NoteMention[];
  createdAt: Date;
}

/** A NoteRow's columns, of "ConversationNote". */
export const NOTE_COLUMNS = selectList(
  sameNamed(null, ["id", "authorId", "authorName", "text", "mentions", "createdAt"]) satisfies Record<keyof NoteRow, string>,
);
export const NOTE_ROW: ColumnsOf<NoteRow> = { id: "string", authorId: "string?", authorName: "string", text: "string", mentions: "json", createdAt: "Date" };

export interface ActivityRow {
  id: string;
  /** The webhook event type, e.g. conversation:postback. */
  type: string;
  data: Record<string, unknown>;
  occurredAt: Date;
}

/** An ActivityRow's columns, of "ConversationActivity". */
export const ACTIVITY_COLUMNS = selectList({
  id: `"id"::text`,
  ...sameNamed(null, ["type", "data", "occurredAt"]),
} satisfies Record<keyof ActivityRow, string>);
export const ACTIVITY_ROW: ColumnsOf<ActivityRow> = { id: "string", type: "string", data: "json", occurredAt: "Date" };

// ——— Conversation summaries ——————————————————————————————————————————————————————————————————————————————————

/** A conversation as the inbox follows it (a live update carries all of it; the list shows some of it). */
export interface ConversationSummaryRow {
  id: string;
  organizationId: string;
  connectionId: string;
  suncoConversationId: string;
  type: string;
  endUserId: string | null;
  status: ConversationStatus;
  /** When a snoozed conversation reopens (lib/inbox/snoozes.ts). */
  snoozedUntil: Date | null;
  /** The organization's labels on it (lib/inbox/labels.ts). */
  labelIds: string[];
  assigneeId: string | null;
  unreadCount: number;
  lastMessagePreview: string | null;
  lastMessageAuthorType: string | null;
  /** Of a last message from the business: the name it was sent under, and the member who sent it from Sunbridge. */
  lastMessageAuthorName: string | null;
  lastMessageAuthorMemberId: string | null;
  lastMessageAt: Date | null;
  /** The inbox sort key. */
  lastActivityAt: Date;
  lastUserMessageAt: Date | null;
  channelType: string | null;
  userLastReadAt: Date | null;
  activeSwitchboardIntegration: unknown;
  pendingSwitchboardIntegration: unknown;
  metadata: unknown;
  removedAt: Date | null;
}

/** A column of the conversation's last message: the row the index on ("conversationId", "receivedAt" DESC, "id") gives first. */
const ofLastMessage = (column: string) =>
  `(SELECT ${column} FROM "Message" m WHERE m."conversationId" = c."id" ORDER BY m."receivedAt" DESC, m."id" LIMIT 1)`;
/** A Sunbridge-sent message's client message id is its outbox row's id; other ids are not uuids and match none. */
const SENT_FROM_OUTBOX = ofLastMessage(`CASE WHEN m."clientMessageId" ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN m."clientMessageId"::uuid END`);

const CONVERSATION_SUMMARY_FIELDS = {
  ...sameNamed("c", [
    "id", "organizationId", "connectionId", "suncoConversationId", "type", "endUserId", "assigneeId", "unreadCount",
    "lastMessagePreview", "lastMessageAuthorType", "lastMessageAt", "lastActivityAt", "lastUserMessageAt", "channelType",
    "userLastReadAt", "activeSwitchboardIntegration", "pendingSwitchboardIntegration", "metadata", "removedAt",
    "snoozedUntil",
  ]),
  status: `c."status"::text`,
  // Looked up from the last message (one index probe) only when it is the business's: the list says "You:" for the
  // member's own reply, the teammate's or bot's name for another's.
  lastMessageAuthorName: `CASE WHEN c."lastMessageAuthorType" = 'business' THEN ${ofLastMessage(`m."authorDisplayName"`)} END`,
  lastMessageAuthorMemberId: `CASE WHEN c."lastMessageAuthorType" = 'business' THEN (SELECT o."authorId" FROM "OutboxMessage" o WHERE o."id" = ${SENT_FROM_OUTBOX}) END`,
  labelIds: `COALESCE(c."labelIds", '{}')::text[]`,
} satisfies Record<keyof ConversationSummaryRow, string>;

/** A ConversationSummaryRow's columns, of "Conversation" aliased c. */
export const CONVERSATION_SUMMARY_COLUMNS = selectList(CONVERSATION_SUMMARY_FIELDS);
export const CONVERSATION_SUMMARY_ROW: ColumnsOf<ConversationSummaryRow> = {
  id: "string",
  organizationId: "string",
  connectionId: "string",
  suncoConversationId: "string",
  type: "string",
  endUserId: "string?",
  status: "string",
  snoozedUntil: "Date?",
  labelIds: "string[]",
  assigneeId: "string?",
  unreadCount: "number",
  lastMessagePreview: "string?",
  lastMessageAuthorType: "string?",
  lastMessageAuthorName: "string?",
  lastMessageAuthorMemberId: "string?",
  lastMessageAt: "Date?",
  lastActivityAt: "Date",
  lastUserMessageAt: "Date?",
  channelType: "string?",
  userLastReadAt: "Date?",
  activeSwitchboardIntegration: "json?",
  pendingSwitchboardIntegration: "json?",
  metadata: "json?",
  removedAt: "Date?",
};

/** Some of a ConversationSummaryRow's columns, of "Conversation" aliased c (for a query that shows only those). */
export const conversationSummaryColumns = (fields: readonly (keyof ConversationSummaryRow)[]) => selectList(CONVERSATION_SUMMARY_FIELDS, fields);
