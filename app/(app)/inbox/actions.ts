"use server";
// The inbox's server actions. Open pages follow every change through live events (lib/live), so there is no cached
// page to revalidate: each action answers with what changed, and the stream tells everyone else.

import { runAction, type ActionResult } from "@/lib/actions/action";
import { requireMember } from "@/lib/auth/require-member";
import {
  addNote,
  assignConversation,
  assignSchema,
  conversationIdSchema,
  draftSchema,
  markConversationRead,
  noteSchema,
  passControl,
  passControlSchema,
  releaseControl,
  saveDraft,
  setConversationStatus,
  signalTyping,
  statusSchema,
  typingSchema,
  type ThreadMessage,
  type ThreadNote,
} from "@/lib/inbox";
import { composeSchema, retryOutboxMessage, sendMessage } from "@/lib/outbox";
import { parseInput } from "@/lib/validation";

const parseId = (value: unknown, field = "conversationId") => parseInput(conversationIdSchema, value, field);

export async function sendMessageAction(input: unknown): Promise<ActionResult<ThreadMessage>> {
  return runAction(async () => {
    const message = parseInput(composeSchema, input);
    return sendMessage(await requireMember(), message);
  });
}

/** `messageId` is the failed message's client message id (its outbox row). */
export async function retryMessageAction(messageId: unknown): Promise<ActionResult<ThreadMessage | null>> {
  return runAction(async () => {
    const outboxId = parseId(messageId, "messageId");
    return retryOutboxMessage(await requireMember(), outboxId);
  });
}

export async function addNoteAction(input: unknown): Promise<ActionResult<ThreadNote>> {
  return runAction(async () => {
    const { conversationId, text } = parseInput(noteSchema, input);
    return addNote(await requireMember(), conversationId, text);
  });
}

export async function saveDraftAction(input: unknown): Promise<ActionResult> {
  return runAction(async () => {
    const { conversationId, text } = parseInput(draftSchema, input);
    await saveDraft(await requireMember(), conversationId, text);
  });
}

export async function assignAction(input: unknown): Promise<ActionResult> {
  return runAction(async () => {
    const { conversationId, assigneeId } = parseInput(assignSchema, input);
    await assignConversation(await requireMember(), conversationId, assigneeId ?? null);
  });
}

export async function setStatusAction(input: unknown): Promise<ActionResult> {
  return runAction(async () => {
    const { conversationId, status } = parseInput(statusSchema, input);
    await setConversationStatus(await requireMember(), conversationId, status);
  });
}

export async function markReadAction(conversationId: unknown): Promise<ActionResult> {
  return runAction(async () => {
    const id = parseId(conversationId);
    await markConversationRead(await requireMember(), id);
  });
}

export async function typingAction(input: unknown): Promise<ActionResult> {
  return runAction(async () => {
    const { conversationId, typing } = parseInput(typingSchema, input);
    await signalTyping(await requireMember(), conversationId, typing);
  });
}

export async function passControlAction(input: unknown): Promise<ActionResult> {
  return runAction(async () => {
    const { conversationId, target } = parseInput(passControlSchema, input);
    await passControl(await requireMember(), conversationId, target);
  }, "Control passed. The switchboard confirms it in a moment.");
}

export async function releaseControlAction(conversationId: unknown): Promise<ActionResult> {
  return runAction(async () => {
    const id = parseId(conversationId);
    await releaseControl(await requireMember(), id);
  }, "Control released.");
}
