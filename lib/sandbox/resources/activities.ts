// Activities in a conversation: a user reading or typing (webhooks conversation:read / conversation:typing), the
// business reading or typing (shown to the user only).
import type { SandboxContext } from "../context";
import { badRequest } from "../errors";
import type { ConversationRecord, MessageSource, UserRecord } from "../state";
import { userActivityEvent } from "../webhooks/events";
import { participantOf } from "./conversations";

export function userRead(ctx: SandboxContext, conversation: ConversationRecord, user: UserRecord, source: MessageSource): void {
  const participant = participantOf(ctx, conversation.id, user.id);
  if (!participant) throw badRequest("The user is not a participant in this conversation");
  const at = ctx.clock.timestamp();
  participant.lastRead = at;
  participant.unreadCount = 0;
  ctx.events.emit(userActivityEvent("conversation:read", ctx.state, conversation, user, "conversation:read", source));
  ctx.live.publish(conversation.id, { type: "read", author: "user", at, userId: user.id });
  ctx.changed();
}

export function userTyping(
  ctx: SandboxContext,
  conversation: ConversationRecord,
  user: UserRecord,
  typing: boolean,
  source: MessageSource,
): void {
  const activity = typing ? "typing:start" : "typing:stop";
  ctx.events.emit(userActivityEvent("conversation:typing", ctx.state, conversation, user, activity, source));
  ctx.live.publish(conversation.id, { type: "typing", author: "user", typing, userId: user.id });
}

export function businessActivity(
  ctx: SandboxContext,
  conversation: ConversationRecord,
  type: "conversation:read" | "typing:start" | "typing:stop",
): void {
  if (type === "conversation:read") {
    conversation.businessLastRead = ctx.clock.timestamp();
    ctx.live.publish(conversation.id, { type: "read", author: "business", at: conversation.businessLastRead });
    ctx.changed();
    return;
  }
  ctx.live.publish(conversation.id, { type: "typing", author: "business", typing: type === "typing:start" });
}
