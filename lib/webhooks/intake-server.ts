// SunCo's deliveries answered straight from node:http (scripts/serve.ts calls this before handing a request to Next):
// the same lib/webhooks code as the route handler, without Next's request pipeline, which cost several times the
// intake's own work per request (see the README, "Webhook throughput"). Answers, logs and counts as the route does.
import type { IncomingMessage, ServerResponse } from "node:http";
import { readMessageLimited } from "@/lib/http/read-body";
import { errorResponse, logAnswer, requestIdFrom } from "@/lib/http/route-handler";
import { logger } from "@/lib/log";
import { metrics } from "@/lib/observability/metrics";
import { receiveWebhook, type IncomingDelivery } from "./receive-webhook";

/** The route's path: one segment after the prefix, an optional query string (ignored, as Next ignores it). */
const WEBHOOK_PATH = /^\/api\/webhooks\/sunco\/([^/?#]+)(?:\?.*)?$/;

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(", ") : (value ?? null));

function deliveryOfMessage(message: IncomingMessage): IncomingDelivery {
  return {
    header: (name) => single(message.headers[name]),
    readText: async (maxBytes, options) => (await readMessageLimited(message, maxBytes, options)).toString("utf8"),
  };
}

/** The connection id a webhook delivery is addressed to, or null when `url` is not the webhook route's. */
function connectionIdOf(url: string | undefined): string | null {
  const segment = WEBHOOK_PATH.exec(url ?? "")?.[1];
  if (!segment) return null;
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

async function receive(connectionId: string, request: IncomingMessage, response: ServerResponse) {
  const requestId = requestIdFrom(single(request.headers["x-request-id"]));
  const log = () => logger().child({ requestId, route: "webhook" });
  const started = performance.now();
  let status = 200;
  let headers: Record<string, string> = { "content-type": "application/json" };
  let body: string;
  try {
    body = JSON.stringify(await receiveWebhook(connectionId, deliveryOfMessage(request)));
  } catch (error) {
    const answer = errorResponse(error, requestId, log());
    status = answer.status;
    headers = Object.fromEntries(answer.headers);
    body = await answer.text();
  }
  logAnswer(log, "POST", status, started);
  metrics().webhookRequests.inc({ status: String(status) });
  // A body refused before it was read whole is not drained: the connection closes after the answer instead.
  if (!request.complete) headers.connection = "close";
  response.writeHead(status, { ...headers, "x-request-id": requestId, "content-length": String(Buffer.byteLength(body)) });
  response.end(body);
}

/**
 * Answers `request` when it is a webhook delivery (POST, or SunCo's HEAD check, to the webhook route) and says so;
 * anything else is left to the caller.
 */
export function answerWebhookDelivery(request: IncomingMessage, response: ServerResponse): boolean {
  if (request.method !== "POST" && request.method !== "HEAD") return false;
  const connectionId = connectionIdOf(request.url);
  if (connectionId === null) return false;
  if (request.method === "HEAD") response.writeHead(200).end();
  else {
    receive(connectionId, request, response).catch((error: unknown) => {
      logger().error({ err: error }, "webhook intake could not answer");
      response.destroy();
    });
  }
  return true;
}
