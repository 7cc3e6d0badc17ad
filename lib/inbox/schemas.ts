// What the inbox accepts: its filters (from the query string) and the changes agents make to conversations.
import { z } from "zod";

export const CONVERSATION_STATUSES = ["open", "pending", "resolved"] as const;
export const ASSIGNEE_FILTERS = ["all", "mine", "unassigned"] as const;

export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

/** An empty form field or query parameter means "not given". */
const optional = <S extends z.ZodType>(schema: S) =>
  z.preprocess((value) => (value === "" || value === null ? undefined : value), schema.optional());

export const conversationIdSchema = z.uuid({ error: "is not a conversation" });

export const inboxFilterSchema = z.object({
  status: optional(z.enum(CONVERSATION_STATUSES, { error: "must be open, pending or resolved" })).transform((s) => s ?? "open"),
  assignee: optional(z.enum(ASSIGNEE_FILTERS, { error: "must be all, mine or unassigned" })).transform((a) => a ?? "all"),
  unread: optional(z.enum(["1", "true"])).transform((value) => value !== undefined),
  connection: optional(z.string().max(64)),
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

export const statusSchema = z.object({
  conversationId: conversationIdSchema,
  status: z.enum(CONVERSATION_STATUSES, { error: "must be open, pending or resolved" }),
});

export const MAX_TEXT_LENGTH = 4096;

export const draftSchema = z.object({
  conversationId: conversationIdSchema,
  text: z.string().max(MAX_TEXT_LENGTH, `must be at most ${MAX_TEXT_LENGTH} characters`),
});

export const noteSchema = z.object({
  conversationId: conversationIdSchema,
  text: z.string().trim().min(1, "is empty").max(MAX_TEXT_LENGTH, `must be at most ${MAX_TEXT_LENGTH} characters`),
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
