// What an end user does in the Web Messenger, played by the simulator: log in, open a conversation, write, tap
// buttons, answer forms, type and read. Each action goes through the same core as the API and fires the same webhooks.
import type { SandboxContext } from "./context";
import { badRequest, integrationNotFound, notFound } from "./errors";
import { messageView } from "./serialize";
import type { AppRecord, ConversationRecord, Json, MessageRecord, Metadata, UserRecord } from "./state";
import { userRead, userTyping } from "./resources/activities";
import { createSdkClient } from "./resources/clients";
import { conversationsOf, createConversation, participantOf } from "./resources/conversations";
import { messagesOf, postMessage } from "./resources/messages";
import { sdkSource } from "./resources/sources";
import { createUser, findUser, mergeUsers } from "./resources/users";
import { postbackEvent, referralEvent, userUpdateEvent } from "./webhooks/events";

export interface EndUserInput {
  givenName?: string;
  surname?: string;
  email?: string;
  externalId?: string;
  /** A user Zendesk knows (a Support user): SyncUser finds users by it. */
  zendeskId?: string;
  locale?: string;
}

/** A visitor opening the Web Messenger: a user with an SDK client on the app's web integration. */
export function createEndUser(ctx: SandboxContext, app: AppRecord, input: EndUserInput): UserRecord {
  const web = ctx.state.integrations.find((i) => i.appId === app.id && i.type === "web");
  if (!web) throw integrationNotFound();
  const user = createUser(ctx, app.id, {
    externalId: input.externalId,
    zendeskId: input.zendeskId,
    authenticated: input.externalId !== undefined,
    email: input.email,
    profile: { givenName: input.givenName, surname: input.surname, email: input.email, locale: input.locale },
  });
  createSdkClient(ctx, user, web);
  return user;
}

/** Opens the user's conversation: the existing one unless the app allows several, where a new one starts. */
export function openConversation(ctx: SandboxContext, app: AppRecord, user: UserRecord, options: { new?: boolean } = {}): ConversationRecord {
  const existing = conversationsOf(ctx, user.id).filter((c) => c.type === "personal");
  if (existing.length > 0 && !(options.new && app.settings.multiConvoEnabled)) return existing.at(-1)!;
  return createConversation(
    ctx,
    app,
    { type: "personal", participants: [{ user }] },
    { reason: "startConversation", source: sdkSource(ctx, user) },
  );
}

function requireParticipant(ctx: SandboxContext, conversation: ConversationRecord, user: UserRecord) {
  if (!participantOf(ctx, conversation.id, user.id)) throw badRequest("The user is not a participant in this conversation");
}

export function sendAsUser(ctx: SandboxContext, conversation: ConversationRecord, user: UserRecord, content: Json & { type: string }, extra: { metadata?: Metadata; quotedMessage?: Json } = {}): MessageRecord {
  requireParticipant(ctx, conversation, user);
  return postMessage(ctx, conversation, { author: { type: "user", user }, content, source: sdkSource(ctx, user), ...extra });
}

interface ButtonAction {
  type: string;
  text: string;
  payload?: string;
  metadata?: Metadata;
}

/** The reply or postback button of `messageId` whose payload (or, failing that, label) is `button`. */
function findButton(ctx: SandboxContext, conversation: ConversationRecord, messageId: string, button: string): ButtonAction {
  const message = messagesOf(ctx, conversation.id).find((m) => m.id === messageId);
  if (!message) throw notFound("not_found", "Message not found");
  const items = (message.content.items as { actions?: ButtonAction[] }[] | undefined) ?? [];
  const actions = [...((message.content.actions as ButtonAction[] | undefined) ?? []), ...items.flatMap((item) => item.actions ?? [])];
  const tappable = actions.filter((a) => a.type === "reply" || a.type === "postback");
  const action = tappable.find((a) => a.payload === button) ?? tappable.find((a) => a.text === button);
  if (!action) throw badRequest(`Message ${messageId} has no reply or postback button "${button}"`);
  return action;
}

/**
 * Taps a button: a reply button sends its text as the user's message (with the payload); a postback button fires
 * conversation:postback, and also leaves a message when the app echoes postbacks.
 */
export function tapButton(ctx: SandboxContext, app: AppRecord, conversation: ConversationRecord, user: UserRecord, messageId: string, button: string) {
  requireParticipant(ctx, conversation, user);
  const action = findButton(ctx, conversation, messageId, button);
  if (action.type === "reply") {
    return sendAsUser(ctx, conversation, user, { type: "text", text: action.text, payload: action.payload }, { metadata: action.metadata });
  }
  const source = sdkSource(ctx, user);
  ctx.events.emit(postbackEvent(ctx.state, conversation, user, { payload: action.payload!, metadata: action.metadata }, source));
  if (app.settings.echoPostback) {
    return postMessage(ctx, conversation, { author: { type: "user", user }, content: { type: "text", text: action.text, payload: action.payload }, source });
  }
  return undefined;
}

interface FormField {
  type: "email" | "select" | "text";
  name: string;
  label: string;
  options?: { label: string; name: string }[];
}

/** Answers a form message: a formResponse quoting it (with the `label: value` fallback), and the form marked submitted. */
export function submitForm(
  ctx: SandboxContext,
  conversation: ConversationRecord,
  user: UserRecord,
  messageId: string,
  values: Record<string, string>,
): MessageRecord {
  const form = messagesOf(ctx, conversation.id).find((m) => m.id === messageId && m.content.type === "form");
  if (!form) throw notFound("not_found", "Form message not found");
  if (form.content.submitted) throw badRequest("This form was already submitted");
  const answers = (form.content.fields as FormField[]).map((field) => answer(field, values[field.name]));
  const fields = answers.map((a) => a.field);
  const textFallback = answers.map((a) => a.line).join("\n");
  const response = sendAsUser(
    ctx,
    conversation,
    user,
    { type: "formResponse", fields, textFallback },
    { quotedMessage: { type: "message", message: messageView(form) } },
  );
  form.content = { ...form.content, submitted: true };
  ctx.live.publish(conversation.id, { type: "message:updated", message: messageView(form) });
  ctx.changed();
  return response;
}

/** A form field's answer, and its `label: value` line for the text fallback. */
function answer(field: FormField, value: string | undefined): { field: Json; line: string } {
  if (!value) throw badRequest(`${field.name} is required`);
  const base = { type: field.type, name: field.name, label: field.label };
  const line = (shown: string) => `${field.label}: ${shown}`;
  if (field.type === "email") {
    if (!/^[^@\s]+@[^@\s]+$/.test(value)) throw badRequest(`${field.name} must be an email address`);
    return { field: { ...base, email: value }, line: line(value) };
  }
  if (field.type === "select") {
    const option = field.options?.find((o) => o.name === value || o.label === value);
    if (!option) throw badRequest(`${field.name} must be one of the form's options`);
    return { field: { ...base, select: [option] }, line: line(option.label) };
  }
  return { field: { ...base, text: value }, line: line(value) };
}

export function setTyping(ctx: SandboxContext, conversation: ConversationRecord, user: UserRecord, typing: boolean): void {
  requireParticipant(ctx, conversation, user);
  userTyping(ctx, conversation, user, typing, sdkSource(ctx, user));
}

export function markRead(ctx: SandboxContext, conversation: ConversationRecord, user: UserRecord): void {
  userRead(ctx, conversation, user, sdkSource(ctx, user));
}

export function arriveByReferral(
  ctx: SandboxContext,
  conversation: ConversationRecord,
  user: UserRecord,
  referral: { code: string; details?: { source?: string; type?: string; adId?: string | null } },
): void {
  requireParticipant(ctx, conversation, user);
  ctx.events.emit(referralEvent(ctx.state, conversation, user, referral, sdkSource(ctx, user)));
}

/**
 * The visitor logs in with an external id: they become that user (merging into them when they already exist, as an
 * SDK login does) or, when no one has it yet, an authenticated user with it.
 */
export function signIn(ctx: SandboxContext, user: UserRecord, externalId: string): UserRecord {
  const existing = findUser(ctx, user.appId, externalId);
  if (existing && existing.id !== user.id) return mergeUsers(ctx, existing, user, "sdkLogin");
  user.externalId = externalId;
  user.authenticated = true;
  ctx.events.emit(userUpdateEvent(ctx.state, user, "authentication", sdkSource(ctx, user)));
  ctx.changed();
  return user;
}
