"use server";
// The inbox's server actions. Open pages follow every change through live events (lib/live), so there is no cached
// page to revalidate: each action answers with what changed, and the stream tells everyone else.

import { z } from "zod";
import { memberAction, nothing } from "@/lib/actions/member-action";
import {
  acceptControl,
  addNote,
  assignConversation,
  assignConversations,
  labelConversations,
  selectionAssignSchema,
  selectionLabelSchema,
  selectionSnoozeSchema,
  selectionStatusSchema,
  setConversationsStatus,
  snoozeConversations,
  assignSchema,
  conversationIdSchema,
  draftSchema,
  listSavedReplies,
  markConversationRead,
  noteSchema,
  offerControl,
  passControl,
  passControlSchema,
  releaseControl,
  saveDraft,
  setConversationStatus,
  signalTyping,
  statusSchema,
  typingSchema,
} from "@/lib/inbox";
import { connectionIdSchema } from "@/lib/connections";
import { composeSchema, retryOutboxMessage, sendMessage } from "@/lib/outbox";
import { latestChannelLink, listChannelIntegrations, startConversation, startConversationFormSchema } from "@/lib/outreach";
import { availabilitySchema, reportActivity, setAvailability } from "@/lib/teams";

export const sendMessageAction = memberAction(composeSchema, "agent", sendMessage);

/** "New conversation": the dialog's id for the first message makes a double submit start one conversation. */
export const startConversationAction = memberAction(startConversationFormSchema, "agent", (ctx, { clientMessageId, ...input }) =>
  startConversation(ctx, input, clientMessageId),
);

/** The channel integrations the dialog offers for a phone number or email address. */
export const listChannelIntegrationsAction = memberAction(connectionIdSchema, "agent", listChannelIntegrations, { field: "connectionId" });

/** The conversation's latest channel link (pending, linked or failed), for its thread. */
export const channelLinkAction = memberAction(conversationIdSchema, "agent", latestChannelLink, { field: "conversationId" });

/** Takes the failed message's client message id (its outbox row). */
export const retryMessageAction = memberAction(conversationIdSchema, "agent", retryOutboxMessage, { field: "messageId" });

export const addNoteAction = memberAction(noteSchema, "agent", (ctx, { conversationId, text, mentions }) => addNote(ctx, conversationId, text, mentions));

export const saveDraftAction = memberAction(draftSchema, "agent", (ctx, { conversationId, text }) => saveDraft(ctx, conversationId, text), { returns: nothing });

/** No assignee: unassigned. */
export const assignAction = memberAction(
  assignSchema,
  "agent",
  (ctx, { conversationId, assigneeId }) => assignConversation(ctx, conversationId, assigneeId ?? null),
  { returns: nothing },
);

export const setStatusAction = memberAction(statusSchema, "agent", (ctx, input) => setConversationStatus(ctx, input.conversationId, input.status), {
  returns: nothing,
});

export const markReadAction = memberAction(conversationIdSchema, "agent", markConversationRead, { field: "conversationId", returns: nothing });

export const typingAction = memberAction(typingSchema, "agent", (ctx, { conversationId, typing }) => signalTyping(ctx, conversationId, typing), { returns: nothing });

export const passControlAction = memberAction(passControlSchema, "agent", (ctx, { conversationId, target }) => passControl(ctx, conversationId, target), {
  message: "Control passed. The switchboard confirms it in a moment.",
});

export const offerControlAction = memberAction(passControlSchema, "agent", (ctx, { conversationId, target }) => offerControl(ctx, conversationId, target), {
  message: "Control offered. It passes when the integration accepts.",
});

export const acceptControlAction = memberAction(conversationIdSchema, "agent", acceptControl, { field: "conversationId", message: "Offer accepted." });

export const releaseControlAction = memberAction(conversationIdSchema, "agent", releaseControl, { field: "conversationId", message: "Control released." });

/** The organization's saved replies as they are now: the composer's picker reads them each time it opens. */
export const listSavedRepliesAction = memberAction(z.undefined(), "agent", listSavedReplies, { input: () => undefined });

/** Online, away or offline: what auto-assignment goes by (lib/teams). */
export const setAvailabilityAction = memberAction(availabilitySchema, "agent", setAvailability, { field: "status" });

/** The agent is using the inbox (sent at most once a minute), so that they do not count as idle. */
export const reportActivityAction = memberAction(z.undefined(), "agent", reportActivity, { returns: nothing });

// ——— Changes to a selection (the list's bulk actions, and the thread's snooze and labels) —————————————————————————

const changed = (result: { changed: number }) => result.changed;

/** No assignee: unassigned. */
export const assignSelectionAction = memberAction(
  selectionAssignSchema,
  "agent",
  (ctx, { conversationIds, assigneeId }) => assignConversations(ctx, conversationIds, assigneeId ?? null),
  { returns: changed },
);

export const setSelectionStatusAction = memberAction(
  selectionStatusSchema,
  "agent",
  (ctx, { conversationIds, status }) => setConversationsStatus(ctx, conversationIds, status),
  { returns: changed },
);

export const snoozeSelectionAction = memberAction(
  selectionSnoozeSchema,
  "agent",
  (ctx, { conversationIds, until }) => snoozeConversations(ctx, conversationIds, until),
  { returns: changed },
);

export const labelSelectionAction = memberAction(
  selectionLabelSchema,
  "agent",
  (ctx, { conversationIds, labelId, change }) => labelConversations(ctx, conversationIds, labelId, change),
  { returns: changed },
);
