// The composer's input as SunCo message content and PostMessage body.
import { authorName, type ActorContext } from "@/lib/auth/actor";
import type { Content, MessagePostBody } from "@/lib/sunco/schemas";
import type { ComposedAction, ComposeInput } from "./schemas";

function actionOf(action: ComposedAction) {
  if (action.type === "link") return { type: "link" as const, text: action.text, uri: action.uri };
  return { type: action.type, text: action.text, payload: action.payload || action.text };
}

export function contentOf(input: ComposeInput): Content {
  const text = input.text.trim();
  const actions = input.actions.length > 0 ? { actions: input.actions.map(actionOf) } : {};
  const { attachment } = input;
  if (attachment?.kind === "image") {
    return { type: "image", mediaUrl: attachment.mediaUrl, ...(attachment.altText ? { altText: attachment.altText } : {}), ...(text ? { text } : {}), ...actions };
  }
  if (attachment?.kind === "file") {
    return { type: "file", mediaUrl: attachment.mediaUrl, ...(attachment.altText ? { altText: attachment.altText } : {}), ...(text ? { text } : {}) };
  }
  return { type: "text", text, ...actions };
}

/** What the outbox posts: the business speaking, named after the agent (or "API: <key name>"). */
export function postBodyOf(ctx: ActorContext, content: Content): MessagePostBody {
  return { author: { type: "business", displayName: authorName(ctx.actor) }, content };
}
