// /api/v1/conversations: the inbox for the partner's backend — lists, threads, sending, notes, typing, read marks,
// assignment and status — through the same use-cases the inbox's pages call.
import { z } from "zod";
import {
  addNote,
  assignConversation,
  conversationIdSchema,
  conversationSummary,
  CONVERSATION_STATUSES,
  SETTABLE_STATUSES,
  getTimeline,
  markConversationRead,
  MAX_ATTACHMENT_BYTES,
  MAX_TEXT_LENGTH,
  queryConversations,
  setConversationStatus,
  signalTyping,
  uploadAttachment,
} from "@/lib/inbox";
import { notFound } from "@/lib/inbox/conversation-access";
import { composedContentSchema, sendMessage } from "@/lib/outbox";
import { startConversation, startConversationSchema } from "@/lib/outreach";
import { defineOperation } from "../operation";
import { channelLinkView, conversationView, iso, messageView, noteView, page, timelineItemView } from "./views";

const TAG = "Conversations";

const conversationParams = z.object({ conversationId: conversationIdSchema });
const limit = (max: number) => z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").max(max, `must be at most ${max}`).optional();
const statusSchema = z.enum(CONVERSATION_STATUSES, { error: "must be open, pending, resolved or snoozed" });
const settableStatusSchema = z.enum(SETTABLE_STATUSES, { error: "must be open, pending or resolved" });

export const listConversationsOperation = defineOperation({
  id: "listConversations",
  method: "get",
  path: "/conversations",
  tag: TAG,
  summary: "List conversations",
  description:
    "Newest activity first, keyset-paged: pass `next` as `after` for the next page (rows arriving meanwhile never shift later pages).",
  scope: "read",
  query: z.object({
    status: statusSchema.optional(),
    assignee: z.string().min(1).max(64).optional().meta({ description: "A member's id, or `none` for unassigned conversations." }),
    connectionId: z.string().min(1).max(64).optional(),
    updatedSince: z.iso
      .datetime({ offset: true, error: "must be an ISO 8601 date-time" })
      .optional()
      .meta({
        description:
          "Only conversations that changed at or after this time: status, assignee, labels or snooze, a new message or activity (Sunbridge's clock). " +
          "To poll, pass the time of your previous poll less a few seconds: a change is stamped when it is made, and may commit a moment later.",
      }),
    after: z.string().max(100).optional(),
    limit: limit(100).meta({ description: "At most 100; 50 by default." }),
  }),
  response: page(conversationView, "next", "Pass as `after` for the next page; null on the last one."),
  run: async (ctx, { query }) => {
    const assigneeId = query.assignee === undefined ? undefined : query.assignee === "none" ? null : query.assignee;
    const updatedSince = query.updatedSince ? new Date(query.updatedSince) : undefined;
    return queryConversations(ctx, { status: query.status, assigneeId, connectionId: query.connectionId, updatedSince, after: query.after }, query.limit);
  },
});

export const startConversationOperation = defineOperation({
  id: "startConversation",
  method: "post",
  path: "/conversations",
  tag: TAG,
  summary: "Start a conversation with an end user",
  description:
    "Finds the SunCo user by `externalId` (else by `email`) or creates one, reuses their conversation or creates one, and sends `message` through the durable outbox. " +
    "With a `channel` of type whatsapp, twilio or messagebird (`phoneNumber`) or mailgun (`address`), SunCo's Create Client links that channel first: " +
    "`channelLink.state` is `pending`, and the message is sent once the channel confirms (`linked`), or never (`failed`, with `failureReason`). " +
    "`integrationId` picks the app's integration of that type; it may be left out when the app has exactly one Sunbridge can list. " +
    "A WhatsApp user outside the 24-hour window needs a `template` message. Send an Idempotency-Key to make retries safe.",
  scope: "send",
  body: startConversationSchema,
  response: z
    .object({
      conversation: conversationView,
      createdUser: z.boolean(),
      createdConversation: z.boolean(),
      message: messageView.nullable().meta({ description: "Null while the message waits for the channel link." }),
      channelLink: channelLinkView.nullable(),
    })
    .meta({ id: "StartedConversation" }),
  status: 201,
  idempotent: true,
  run: async (ctx, { body }, { idempotencyId }) => {
    const started = await startConversation(ctx, body, idempotencyId);
    const link = started.channelLink;
    return {
      conversation: (await conversationSummary(ctx, started.conversationId))!,
      createdUser: started.createdUser,
      createdConversation: started.createdConversation,
      message: started.message,
      channelLink: link && { ...link, createdAt: iso(link.createdAt)!, settledAt: iso(link.settledAt) },
    };
  },
});

export const getConversationOperation = defineOperation({
  id: "getConversation",
  method: "get",
  path: "/conversations/{conversationId}",
  tag: TAG,
  summary: "Get a conversation",
  scope: "read",
  params: conversationParams,
  response: conversationView,
  run: async (ctx, { params }) => {
    const summary = await conversationSummary(ctx, params.conversationId);
    if (!summary) throw notFound();
    return summary;
  },
});

export const getTimelineOperation = defineOperation({
  id: "getConversationTimeline",
  method: "get",
  path: "/conversations/{conversationId}/timeline",
  tag: TAG,
  summary: "A conversation's thread: messages, notes and activity",
  description: "The newest page first, each page oldest first; pass `before` for the page of older items.",
  scope: "read",
  params: conversationParams,
  query: z.object({ before: z.string().max(120).optional(), limit: limit(100).meta({ description: "At most 100; 50 by default." }) }),
  response: page(timelineItemView, "before", "Pass as `before` for older items; null when there are none."),
  run: (ctx, { params, query }) => getTimeline(ctx, params.conversationId, query),
});

export const sendMessageOperation = defineOperation({
  id: "sendMessage",
  method: "post",
  path: "/conversations/{conversationId}/messages",
  tag: TAG,
  summary: "Send a message",
  description:
    "Text, buttons (reply, postback, link) and at most one attachment (upload it first through the attachments operation), or a WhatsApp `template` " +
    "(its name and language at WhatsApp, and its header and body parameters in order) sent alone. " +
    "The message is stored at once (deliveryStatus `sending`) and sent to SunCo by the durable outbox, as the inbox's composer sends. " +
    "Send an Idempotency-Key to make retries safe. The author shown is `API: <key name>`.",
  scope: "send",
  params: conversationParams,
  body: composedContentSchema,
  response: messageView,
  status: 201,
  idempotent: true,
  run: (ctx, { params, body }, { idempotencyId }) => sendMessage(ctx, { ...body, clientMessageId: idempotencyId, conversationId: params.conversationId }),
});

export const uploadAttachmentOperation = defineOperation({
  id: "uploadAttachment",
  method: "post",
  path: "/conversations/{conversationId}/attachments",
  tag: TAG,
  summary: "Upload an attachment to send",
  description: "Answers with the `mediaUrl` and `kind` to send in a message's `attachment`.",
  scope: "send",
  params: conversationParams,
  upload: { field: "file", maxBytes: MAX_ATTACHMENT_BYTES + 64 * 1024, description: `The file: an image, PDF or other document, at most ${MAX_ATTACHMENT_BYTES / (1024 * 1024)} MB.` },
  response: z
    .object({ kind: z.enum(["image", "file"]), mediaUrl: z.string(), mediaType: z.string(), altText: z.string() })
    .meta({ id: "UploadedAttachment" }),
  status: 201,
  run: (ctx, { params, file }) => uploadAttachment(ctx, params.conversationId, file!),
});

export const assignConversationOperation = defineOperation({
  id: "assignConversation",
  method: "post",
  path: "/conversations/{conversationId}/assignee",
  tag: TAG,
  summary: "Assign a conversation to a member, or to nobody",
  scope: "send",
  params: conversationParams,
  body: z.object({ assigneeId: z.string().min(1).max(64).nullable().meta({ description: "A member's id; null unassigns." }) }),
  response: conversationView,
  run: async (ctx, { params, body }) => {
    await assignConversation(ctx, params.conversationId, body.assigneeId);
    return (await conversationSummary(ctx, params.conversationId))!;
  },
});

const STATUS_RULES =
  "Resolving, reopening or setting pending a conversation already so changes nothing; a snoozed one's snooze ends. " +
  "A change is a `conversation.updated` event (`changed: [\"status\"]`). An end user writing reopens a pending or resolved conversation by itself.";

export const setStatusOperation = defineOperation({
  id: "setConversationStatus",
  method: "post",
  path: "/conversations/{conversationId}/status",
  tag: TAG,
  summary: "Resolve, reopen or set a conversation pending",
  description: `The one operation for all three (\`status\`: \`resolved\`, \`open\` or \`pending\`); the resolve, reopen and pending operations are the same, one each. ${STATUS_RULES}`,
  scope: "send",
  params: conversationParams,
  body: z.object({ status: settableStatusSchema }),
  response: conversationView,
  run: async (ctx, { params, body }) => {
    await setConversationStatus(ctx, params.conversationId, body.status);
    return (await conversationSummary(ctx, params.conversationId))!;
  },
});

/** `POST …/resolve`, `…/reopen`, `…/pending`: the status operation with its status in the path, as partners expect. */
function statusAction(id: string, action: string, status: z.infer<typeof settableStatusSchema>, summary: string) {
  return defineOperation({
    id,
    method: "post",
    path: `/conversations/{conversationId}/${action}`,
    tag: TAG,
    summary,
    description: `The same as setting \`status\` to \`${status}\`. ${STATUS_RULES}`,
    scope: "send",
    params: conversationParams,
    response: conversationView,
    run: async (ctx, { params }) => {
      await setConversationStatus(ctx, params.conversationId, status);
      return (await conversationSummary(ctx, params.conversationId))!;
    },
  });
}

export const resolveOperation = statusAction("resolveConversation", "resolve", "resolved", "Resolve a conversation");
export const reopenOperation = statusAction("reopenConversation", "reopen", "open", "Reopen a conversation");
export const setPendingOperation = statusAction("setConversationPending", "pending", "pending", "Set a conversation pending (waiting on the end user)");

export const addNoteOperation = defineOperation({
  id: "addNote",
  method: "post",
  path: "/conversations/{conversationId}/notes",
  tag: TAG,
  summary: "Add an internal note",
  description: "Notes stay in Sunbridge: agents see them in the thread; the end user never does.",
  scope: "send",
  params: conversationParams,
  body: z.object({ text: z.string().trim().min(1, "is empty").max(MAX_TEXT_LENGTH, `must be at most ${MAX_TEXT_LENGTH} characters`) }),
  response: noteView,
  status: 201,
  run: (ctx, { params, body }) => addNote(ctx, params.conversationId, body.text),
});

export const typingOperation = defineOperation({
  id: "signalTyping",
  method: "post",
  path: "/conversations/{conversationId}/typing",
  tag: TAG,
  summary: "Show or stop the typing indicator on the end user's channel",
  scope: "send",
  params: conversationParams,
  body: z.object({ typing: z.boolean({ error: "must be true or false" }) }),
  response: z.object({ typing: z.boolean() }),
  run: async (ctx, { params, body }) => {
    await signalTyping(ctx, params.conversationId, body.typing);
    return { typing: body.typing };
  },
});

export const markReadOperation = defineOperation({
  id: "markConversationRead",
  method: "post",
  path: "/conversations/{conversationId}/read",
  tag: TAG,
  summary: "Mark a conversation read",
  description: "Its unread count goes to zero, and SunCo is told (conversation:read) so that channels show it as seen.",
  scope: "send",
  params: conversationParams,
  response: z.object({ changed: z.boolean().meta({ description: "False when nothing was unread." }) }),
  run: (ctx, { params }) => markConversationRead(ctx, params.conversationId),
});
