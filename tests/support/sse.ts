// Reads a Server-Sent Events stream frame by frame, as EventSource would.
export interface SseFrame {
  id?: string;
  event?: string;
  data?: string;
  retry?: string;
  /** A line starting with ":" (heartbeats). */
  comment?: string;
}

function parseFrame(text: string): SseFrame {
  const frame: SseFrame = {};
  for (const line of text.split("\n")) {
    if (line.startsWith(":")) frame.comment = line.slice(1).trim();
    const match = line.match(/^(id|event|data|retry): ?(.*)$/);
    if (match) frame[match[1] as "id" | "event" | "data" | "retry"] = match[2];
  }
  return frame;
}

export function sseReader(stream: ReadableStream<Uint8Array>) {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let pending = "";
  const frames: SseFrame[] = [];
  // A read outlives a timed-out wait for it: the next wait takes it over, so no chunk is lost.
  let reading: Promise<ReadableStreamReadResult<Uint8Array>> | null = null;

  async function fill(timeoutMs: number) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("no Server-Sent Event arrived in time")), timeoutMs);
    });
    try {
      reading ??= reader.read();
      const { value, done } = await Promise.race([reading, timeout]);
      reading = null;
      if (done) throw new Error("the stream ended");
      pending += decoder.decode(value, { stream: true });
      const parts = pending.split("\n\n");
      pending = parts.pop()!;
      frames.push(...parts.map(parseFrame));
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    /** The next frame that matches `wanted` (skipping the others). */
    async next(wanted: (frame: SseFrame) => boolean = () => true, timeoutMs = 5000): Promise<SseFrame> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const index = frames.findIndex(wanted);
        if (index >= 0) return frames.splice(0, index + 1).at(-1)!;
        frames.length = 0;
        await fill(Math.max(1, deadline - Date.now()));
      }
    },
    /** The next `count` events (frames with an id), in order. */
    async events(count: number, timeoutMs = 5000): Promise<SseFrame[]> {
      const events: SseFrame[] = [];
      while (events.length < count) events.push(await this.next((frame) => frame.id !== undefined, timeoutMs));
      return events;
    },
    async cancel() {
      await reader.cancel().catch(() => {});
    },
  };
}
