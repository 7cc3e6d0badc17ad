// Which webhook triggers concern activity inside a conversation, the part a switchboard routes.
import type { WebhookTrigger } from "@/lib/sunco/schemas";

export type Trigger = WebhookTrigger;

/**
 * While a switchboard is enabled, its integrations get these only when they are in control of the conversation,
 * or when they asked for standby events.
 */
export const CONVERSATION_ACTIVITY: ReadonlySet<Trigger> = new Set<Trigger>([
  "conversation:message",
  "conversation:message:delivery:channel",
  "conversation:message:delivery:failure",
  "conversation:message:delivery:user",
  "conversation:postback",
  "conversation:read",
  "conversation:typing",
  "conversation:referral",
]);
