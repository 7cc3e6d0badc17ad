// The agent's typing indicator, relayed to SunCo (typing:start / typing:stop), which shows it on the end user's
// channel. Ephemeral: one quick attempt, no retries; the page throttles how often it asks.
import { authorName, type ActorContext } from "@/lib/auth/actor";
import { clientForConnectionId } from "@/lib/connections";
import { explainingFailure, NO_RETRIES } from "@/lib/sunco";
import { writableConversation } from "./conversation-access";

const TYPING_TIMEOUT_MS = 3000;

export async function signalTyping(ctx: ActorContext, conversationId: string, typing: boolean): Promise<void> {
  const conversation = await writableConversation(ctx, conversationId);
  await explainingFailure({ audience: "agent", asked: "to show that you are typing" }, async () =>
    (await clientForConnectionId(conversation.connection.id)).activities.post(
      conversation.suncoConversationId,
      { author: { type: "business", displayName: authorName(ctx.actor) }, type: typing ? "typing:start" : "typing:stop" },
      { timeoutMs: TYPING_TIMEOUT_MS, retry: NO_RETRIES },
    ),
  );
}
