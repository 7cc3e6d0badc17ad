// POST /api/webhooks/sunco/[connectionId]: everything between SunCo's request and the stored events, whichever HTTP
// server handed the request over (Next's route handler, or scripts/serve.ts's own intake). Checks run
// cheapest first and before the body is read, and each refusal is one SunCo does not retry (400, 401, 403, 404)
// unless retrying can help (413 and 415 are retried in vain but are the statuses HTTP has for them; 503).
import {
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  PayloadTooLargeError,
  UnauthenticatedError,
  UnsupportedMediaTypeError,
} from "@/lib/errors";
import { declaresMoreThan, readTextLimited, type ReadLimitOptions } from "@/lib/http/read-body";
import { describeIssues, webhookEnvelopeSchema, type WebhookEnvelope } from "@/lib/sunco/schemas";
import { storeWebhookEvents, type StoreResult } from "./store-events";
import { acceptsApiKey, findWebhookConnection } from "./webhook-connections";
import { eventsStored } from "./worker";

export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

const tooLarge = () => new PayloadTooLargeError(`The body is larger than ${MAX_WEBHOOK_BODY_BYTES} bytes.`);

const isJson = (contentType: string | null) => /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType ?? "");

function parseEnvelope(body: string): WebhookEnvelope {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new InvalidInputError("The body is not valid JSON.");
  }
  const result = webhookEnvelopeSchema.safeParse(json);
  if (!result.success) {
    const problems = describeIssues(result.error, "body");
    throw new InvalidInputError(`The body is not a SunCo webhook delivery: ${problems.join("; ")}.`);
  }
  return result.data;
}

/** A delivery as an HTTP server hands it over: the headers the checks read, and the body, read only when asked. */
export interface IncomingDelivery {
  header(name: "content-length" | "content-type" | "x-api-key"): string | null;
  /** The body as UTF-8 text, read with the limits of lib/http/read-body.ts. */
  readText(maxBytes: number, options: ReadLimitOptions): Promise<string>;
}

/** A route handler's Request as a delivery. */
export function deliveryOfRequest(request: Request): IncomingDelivery {
  return {
    header: (name) => request.headers.get(name),
    readText: (maxBytes, options) => readTextLimited(request, maxBytes, options),
  };
}

export async function receiveWebhook(connectionId: string, request: IncomingDelivery): Promise<StoreResult> {
  if (declaresMoreThan(request.header("content-length"), MAX_WEBHOOK_BODY_BYTES)) throw tooLarge();
  if (!isJson(request.header("content-type"))) {
    throw new UnsupportedMediaTypeError("Webhook deliveries must be sent as application/json.");
  }
  const connection = await findWebhookConnection(connectionId);
  if (!connection) throw new NotFoundError("No webhook is registered at this address.");
  if (!acceptsApiKey(connection, request.header("x-api-key"))) {
    throw new UnauthenticatedError("X-API-Key does not match this webhook's secret.");
  }
  const envelope = parseEnvelope(await request.readText(MAX_WEBHOOK_BODY_BYTES, { tooLarge }));
  if (envelope.app.id !== connection.appId) {
    throw new ForbiddenError("This webhook belongs to another SunCo app.");
  }
  const result = await storeWebhookEvents(connection, envelope);
  if (result.stored > 0) eventsStored();
  return result;
}
