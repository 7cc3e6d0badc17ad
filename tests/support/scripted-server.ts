// A tiny HTTP server that answers from a script, one step per request, and records what it received: for
// testing transport behaviour (retries, timeouts, broken connections) that no real server does on demand.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";

export interface RecordedRequest {
  method: string;
  /** Path and query, as received. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Milliseconds since the server started, when the request arrived. */
  receivedAt: number;
}

export type ScriptStep =
  | { status: number; body?: unknown; headers?: Record<string, string>; delayMs?: number; gzip?: boolean }
  /** Close the connection without answering. */
  | { hangUp: true };

export interface ScriptedServer {
  url: string;
  requests: RecordedRequest[];
  /** Queues answers for the next requests; when the queue is empty, requests get 200 `{}`. */
  script(...steps: ScriptStep[]): void;
  /** Forgets the requests received and the answers not yet given. */
  reset(): void;
  close(): Promise<void>;
}

export async function startScriptedServer(): Promise<ScriptedServer> {
  const startedAt = performance.now();
  const requests: RecordedRequest[] = [];
  const queue: ScriptStep[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      requests.push({
        method: request.method ?? "",
        url: request.url ?? "",
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        receivedAt: performance.now() - startedAt,
      });
      const step = queue.shift() ?? { status: 200, body: {} };
      if ("hangUp" in step) {
        request.socket.destroy();
        return;
      }
      const answer = () => {
        if (response.destroyed) return;
        const text = typeof step.body === "string" ? step.body : JSON.stringify(step.body ?? {});
        const encoding: Record<string, string> = step.gzip ? { "content-encoding": "gzip" } : {};
        response.writeHead(step.status, { "content-type": "application/json", ...encoding, ...step.headers });
        response.end(step.gzip ? gzipSync(text) : text);
      };
      if (step.delayMs) setTimeout(answer, step.delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (...steps) => queue.push(...steps),
    reset: () => {
      requests.length = 0;
      queue.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
