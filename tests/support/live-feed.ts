// Listens to a conversation's live feed (/_control/conversations/:id/live, server-sent events) the way the
// simulator page does: while it is open, the end user counts as connected.
export interface LiveFeedWatcher {
  events: { event: string; data: Record<string, unknown> }[];
  waitFor(event: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  close(): void;
}

export async function watchConversation(sandboxUrl: string, conversationId: string): Promise<LiveFeedWatcher> {
  const controller = new AbortController();
  const response = await fetch(`${sandboxUrl}/_control/conversations/${conversationId}/live`, { signal: controller.signal });
  if (!response.ok || !response.body) throw new Error(`The live feed answered ${response.status}`);
  const events: LiveFeedWatcher["events"] = [];
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  const pump = async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data) });
      }
    }
  };
  void pump().catch(() => undefined);
  const waitFor = async (event: string, timeoutMs = 5_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = events.find((e) => e.event === event);
      if (found) return found.data;
      if (Date.now() > deadline) throw new Error(`No "${event}" on the live feed; got ${events.map((e) => e.event).join(", ")}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  await waitFor("ready");
  return { events, waitFor, close: () => controller.abort() };
}
