// The webhook triggers the spec lists (case sensitive). `passthrough:messaging` is listed but has no payload schema.

export const TRIGGERS = [
  "client:add",
  "client:remove",
  "client:update",
  "conversation:create",
  "conversation:join",
  "conversation:leave",
  "conversation:remove",
  "conversation:message",
  "conversation:message:delivery:channel",
  "conversation:message:delivery:failure",
  "conversation:message:delivery:user",
  "conversation:postback",
  "conversation:read",
  "conversation:referral",
  "passthrough:messaging",
  "conversation:typing",
  "switchboard:acceptControl",
  "switchboard:acceptControl:failure",
  "switchboard:offerControl",
  "switchboard:offerControl:failure",
  "switchboard:passControl",
  "switchboard:passControl:failure",
  "switchboard:releaseControl",
  "user:merge",
  "user:update",
  "user:remove",
] as const;

export type Trigger = (typeof TRIGGERS)[number];

export function isTrigger(value: string): value is Trigger {
  return (TRIGGERS as readonly string[]).includes(value);
}

/**
 * Events about what happens inside a conversation. While a switchboard is enabled, its integrations get them only
 * when they are in control of the conversation, or when they asked for standby events.
 */
export const CONVERSATION_ACTIVITY: ReadonlySet<Trigger> = new Set([
  "conversation:message",
  "conversation:message:delivery:channel",
  "conversation:message:delivery:failure",
  "conversation:message:delivery:user",
  "conversation:postback",
  "conversation:read",
  "conversation:typing",
  "conversation:referral",
]);
