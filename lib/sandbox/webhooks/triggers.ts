// Which webhook triggers concern activity inside a conversation, the part a switchboard routes.
import { WEBHOOK_TRIGGERS, type WebhookTrigger } from "@/lib/sunco/schemas";

export type Trigger = WebhookTrigger;

/** A conversation's lifecycle and membership: every integration hears of them, switchboard or not. */
const CONVERSATION_LIFECYCLE: ReadonlySet<Trigger> = new Set<Trigger>([
  "conversation:create",
  "conversation:join",
  "conversation:leave",
  "conversation:remove",
]);

/**
 * While a switchboard is enabled, its integrations get these only when they are in control of the conversation,
 * or when they asked for standby events: every other `conversation:` trigger of SunCo's list.
 */
export const CONVERSATION_ACTIVITY: ReadonlySet<Trigger> = new Set<Trigger>(
  WEBHOOK_TRIGGERS.filter((trigger) => trigger.startsWith("conversation:") && !CONVERSATION_LIFECYCLE.has(trigger)),
);
