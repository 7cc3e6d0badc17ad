// What the inbox accepts: its filters (from the query string) and the changes agents make to conversations.
import { z } from "zod";

/** Every status, each a tab of the list. */
export const CONVERSATION_STATUSES = ["open", "pending", "resolved", "snoozed"] as const;
/** The statuses an agent sets directly; snoozing needs a time (snoozeSchema). */
export const SETTABLE_STATUSES = ["open", "pending", "resolved"] as const;
export const ASSIGNEE_FILTERS = ["all", "mine", "unassigned"] as const;

export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];
export type SettableStatus = (typeof SETTABLE_STATUSES)[number];

/** An empty form field or query parameter means "not given". */
const optional = <S extends z.ZodType>(schema: S) =>
  z.preprocess((value) => (value === "" || value === null ? undefined : value), schema.optional());

export const conversationIdSchema = z.uuid({ error: "is not a conversation" });

export const inboxFilterSchema = z.object({
  status: optional(z.enum(CONVERSATION_STATUSES, { error: "must be open, pending, resolved or snoozed" })).transform((s) => s ?? "open"),
  assignee: optional(z.enum(ASSIGNEE_FILTERS, { error: "must be all, mine or unassigned" })).transform((a) => a ?? "all"),
  unread: optional(z.enum(["1", "true"])).transform((value) => value !== undefined),
  connection: optional(z.string().max(64)),
  /** A label's id. */
  label: optional(z.string().max(64)),
  q: optional(
    z
      .string()
      .trim()
      .max(100, "must be at most 100 characters")
      .refine((q) => q.length !== 1, "needs at least 2 characters"),
  ).transform((q) => q || undefined),
  after: optional(z.string().max(100)),
});

export type InboxFilter = z.infer<typeof inboxFilterSchema>;

export const timelineQuerySchema = z.object({ before: optional(z.string().max(120)) });

export const assignSchema = z.object({
  conversationId: conversationIdSchema,
  /** Empty: unassign. */
  assigneeId: optional(z.string().max(64)),
});

const settableStatus = z.enum(SETTABLE_STATUSES, { error: "must be open, pending or resolved" });

export const statusSchema = z.object({ conversationId: conversationIdSchema, status: settableStatus });

export const MAX_TEXT_LENGTH = 4096;

export const draftSchema = z.object({
  conversationId: conversationIdSchema,
  text: z.string().max(MAX_TEXT_LENGTH, `must be at most ${MAX_TEXT_LENGTH} characters`),
});

/** At most this many members are mentioned in one note. */
export const MAX_MENTIONS = 20;

export const noteSchema = z.object({
  conversationId: conversationIdSchema,
  text: z.string().trim().min(1, "is empty").max(MAX_TEXT_LENGTH, `must be at most ${MAX_TEXT_LENGTH} characters`),
  /** The members the composer offered and the agent picked (user ids); `@name` stays in the text. */
  mentions: z.array(z.string().min(1).max(100)).max(MAX_MENTIONS, `must name at most ${MAX_MENTIONS} members`).default([]),
});

export const savedReplySchema = z.object({
  title: z.string().trim().min(1, "is required").max(100, "must be at most 100 characters"),
  body: z.string().trim().min(1, "is required").max(MAX_TEXT_LENGTH, `must be at most ${MAX_TEXT_LENGTH} characters`),
});

export const updateSavedReplySchema = savedReplySchema.extend({ id: z.string() });

export const typingSchema = z.object({ conversationId: conversationIdSchema, typing: z.boolean() });

/** Passing or offering control. */
export const passControlSchema = z.object({
  conversationId: conversationIdSchema,
  /** A switchboard integration's id, name or integrationType, or "next" (SunCo resolves it in that order). */
  target: z.string().trim().min(1, "is required").max(128, "must be at most 128 characters"),
});

// ——— Labels, snooze and changes to a selection of conversations ————————————————————————————————————————————————

/** The colours a label may have: each has a text and background pair in the inbox's CSS that reads well. */
export const LABEL_COLORS = ["gray", "red", "orange", "yellow", "green", "teal", "blue", "purple", "pink"] as const;
export type LabelColor = (typeof LABEL_COLORS)[number];

export const MAX_LABELS = 100;
export const MAX_LABELS_PER_CONVERSATION = 20;

export const labelSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "is required")
    .max(40, "must be at most 40 characters")
    // A search names a label as label:name or label:"two words".
    .refine((name) => !name.includes('"'), "cannot contain a double quote"),
  color: z.enum(LABEL_COLORS, { error: `must be one of ${LABEL_COLORS.join(", ")}` }),
});

export const updateLabelSchema = labelSchema.extend({ id: z.uuid({ error: "is not a label" }) });

/** The most conversations one change takes: a few pages of the list. */
export const MAX_SELECTION = 200;

const selection = z
  .array(conversationIdSchema)
  .min(1, "choose at least one conversation")
  .max(MAX_SELECTION, `at most ${MAX_SELECTION} conversations at once`)
  .transform((ids) => [...new Set(ids)]);

export const selectionAssignSchema = z.object({ conversationIds: selection, assigneeId: optional(z.string().max(64)) });

export const selectionStatusSchema = z.object({ conversationIds: selection, status: settableStatus });

export const selectionLabelSchema = z.object({
  conversationIds: selection,
  labelId: z.uuid({ error: "is not a label" }),
  /** Put the label on every conversation of the selection, or take it off. */
  change: z.enum(["add", "remove"], { error: "must be add or remove" }),
});

/** Snoozes can be set at most this far ahead. */
export const MAX_SNOOZE_MS = 366 * 24 * 60 * 60 * 1000;

export const selectionSnoozeSchema = z.object({
  conversationIds: selection,
  /** An ISO time with its offset; the agent's browser works out "tomorrow at 9:00" in their own time zone. */
  until: z.iso.datetime({ offset: true, error: "must be a date and time" }).transform((value) => new Date(value)),
});
