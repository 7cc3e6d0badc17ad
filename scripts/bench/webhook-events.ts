// The benchmarks' webhook events: SunCo conversation:message events from end users, spread over a number of
// conversations, with ids unique to a run.

const hex24 = (prefix: string, n: number) => `${prefix}${n.toString(16).padStart(24 - prefix.length, "0")}`;

/** The `counter`th event of run `runId` (8 hex digits), in conversation `counter % conversations`. */
export function conversationMessageEvent(runId: string, counter: number, conversations: number) {
  const n = counter % conversations;
  const now = new Date().toISOString();
  return {
    id: `${runId}${counter.toString(16).padStart(16, "0")}`,
    type: "conversation:message",
    createdAt: now,
    payload: {
      conversation: { id: hex24("c0", n), type: "personal" },
      message: {
        id: `${runId}m${counter.toString(16).padStart(15, "0")}`,
        received: now,
        author: {
          type: "user",
          userId: hex24("a0", n),
          displayName: `Customer ${n}`,
          avatarUrl: "https://www.gravatar.com/avatar/00000000000000000000000000000000.png?s=200&d=mm",
          user: { id: hex24("a0", n), authenticated: false },
        },
        content: { type: "text", text: `Hello, this is message ${counter} about my order #${n}. Could someone help me with it?` },
        source: { type: "web", integrationId: "5ecff63ffc3ab25f4561c8a0", originalMessageId: null },
      },
    },
  };
}
