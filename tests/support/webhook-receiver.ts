// A local HTTP server standing in for a webhook target (or removeUrl): records what it receives and answers
// however the test says, including not at all.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON when the body is JSON, else the raw text. */
  body: unknown;
  receivedAt: number;
}

/** What to answer: a status, a status and body (once `until` settles: a target busy until the test says), or `hang` to never answer. */
export type Reply = number | { status: number; body?: unknown; until?: Promise<unknown> } | "hang";

export interface WebhookReceiver {
  url: string;
  received: ReceivedRequest[];
  /** POSTs only (HEAD checks and other methods left out). */
  posts(): ReceivedRequest[];
  /** Sets how the next requests are answered: each reply once, the last one from then on. Default 200. */
  reply(...replies: Reply[]): void;
  waitFor(predicate: (received: ReceivedRequest[]) => boolean, timeoutMs?: number): Promise<ReceivedRequest[]>;
  stop(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedRequest[] = [];
  let replies: Reply[] = [200];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      received.push({ method: request.method!, path: request.url!, headers: request.headers, body, receivedAt: Date.now() });
      if (request.method === "HEAD") return response.writeHead(200).end();
      const reply = replies.length > 1 ? replies.shift()! : replies[0]!;
      if (reply === "hang") return;
      const { status, body: answer, until } = typeof reply === "number" ? { status: reply, body: undefined, until: undefined } : reply;
      const answerNow = () => response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(answer ?? {}));
      if (until) void until.then(answerNow, answerNow);
      else answerNow();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const posts = () => received.filter((r) => r.method === "POST");
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    posts,
    reply: (...next) => {
      replies = next.length > 0 ? next : [200];
    },
    async waitFor(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(received)) {
        if (Date.now() > deadline) throw new Error(`The receiver never got what was expected; it got ${JSON.stringify(received.map((r) => [r.method, r.path]))}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return received;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
