// The composer's input as SunCo message content and PostMessage body.
import { authorName, type ActorContext } from "@/lib/auth/actor";
import type { Content, MessagePostBody } from "@/lib/sunco/schemas";
import type { ComposedAction, ComposeInput, TemplateMessage } from "./schemas";

function actionOf(action: ComposedAction) {
  if (action.type === "link") return { type: "link" as const, text: action.text, uri: action.uri };
  return { type: action.type, text: action.text, payload: action.payload || action.text };
}

/** WhatsApp's native template: the language pinned, each component's parameters as text. */
function templateContentOf(template: TemplateMessage): Content {
  const component = (type: "header" | "body", values: string[]) =>
    values.length > 0 ? [{ type, parameters: values.map((text) => ({ type: "text", text })) }] : [];
  return {
    type: "template",
    template: {
      name: template.name,
      language: { policy: "deterministic", code: template.language },
      components: [...component("header", template.headerParameters), ...component("body", template.bodyParameters)],
    },
  };
}

export function contentOf(input: Omit<ComposeInput, "clientMessageId" | "conversationId">): Content {
  if (input.template) return templateContentOf(input.template);
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
  // SunCo takes a template only in WhatsApp's native schema.
  const schema = content.type === "template" ? { schema: "whatsapp" as const } : {};
  return { author: { type: "business", displayName: authorName(ctx.actor) }, content, ...schema };
}
