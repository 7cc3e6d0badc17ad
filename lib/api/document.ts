// The OpenAPI 3.1 document of /api/v1, generated from the operations' own zod schemas (operation.ts), served at
// /api/v1/openapi.json and rendered at /docs/api. A new operation appears here by being listed in operations/index.ts.
import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { eventEnvelopeSchema, PARTNER_EVENT_TYPES } from "@/lib/partner-events";
import { IDEMPOTENCY_HEADER } from "./idempotency";
import type { Operation } from "./operation";
import { OPERATIONS } from "./operations";
import { problemSchema } from "./problem";

const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: problemSchema } } });

const RATE_HEADERS = z.object({
  "RateLimit-Limit": z.string().meta({ description: "Requests the key may make per window." }),
  "RateLimit-Remaining": z.string().meta({ description: "Requests left in this window." }),
  "RateLimit-Reset": z.string().meta({ description: "Seconds until the window resets." }),
  "RateLimit-Policy": z.string().meta({ description: "The limit and its window: `600;w=60`." }),
});

function register(registry: OpenAPIRegistry, operation: Operation) {
  const request: NonNullable<Parameters<OpenAPIRegistry["registerPath"]>[0]["request"]> = {};
  if (operation.params) request.params = operation.params;
  if (operation.query) request.query = operation.query;
  if (operation.idempotent) {
    request.headers = z.object({
      [IDEMPOTENCY_HEADER]: z.string().min(1).max(255).optional().meta({
        description: "Makes the request safe to retry: the same key and body within 24 hours returns the first answer and changes nothing again.",
      }),
    });
  }
  if (operation.body) request.body = { required: true, content: { "application/json": { schema: operation.body } } };
  if (operation.upload) {
    request.body = {
      required: true,
      content: {
        "multipart/form-data": {
          schema: z.object({ [operation.upload.field]: z.string().meta({ format: "binary", description: operation.upload.description }) }),
        },
      },
    };
  }
  const responses: Parameters<OpenAPIRegistry["registerPath"]>[0]["responses"] = {
    [operation.status ?? 200]: { description: "Success.", headers: RATE_HEADERS, content: { "application/json": { schema: operation.response } } },
    401: problem("No valid API key."),
    403: problem(`The key lacks the \`${operation.scope}\` scope.`),
    422: problem("Invalid input; `errors` names the fields."),
    429: problem("Too many requests; see Retry-After."),
  };
  if (operation.params) responses[404] = problem("No such record in the key's organization.");
  registry.registerPath({
    method: operation.method,
    path: `/api/v1${operation.path}`,
    operationId: operation.id,
    tags: [operation.tag],
    summary: operation.summary,
    description: `${operation.description ? `${operation.description}\n\n` : ""}Scope: \`${operation.scope}\`.`,
    security: [{ apiKey: [] }],
    request,
    responses,
  });
}

const WEBHOOK_HEADERS = z.object({
  "webhook-id": z.string().meta({ description: "The event's id: the same on every retry and resend; drop repeats by it." }),
  "webhook-timestamp": z.string().meta({ description: "Seconds since the epoch when this attempt was signed; refuse old ones." }),
  "webhook-signature": z.string().meta({
    description: "Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, one per secret in use (two during a rotation): Standard Webhooks.",
  }),
});

/** Every outbound event, as OpenAPI 3.1 `webhooks`: what Sunbridge POSTs to the organization's event endpoints. */
function registerEvents(registry: OpenAPIRegistry) {
  for (const type of PARTNER_EVENT_TYPES) {
    registry.registerWebhook({
      method: "post",
      path: type,
      tags: ["Events"],
      summary: `The \`${type}\` event`,
      description:
        "POSTed to each enabled endpoint subscribed to the type, signed as Standard Webhooks. Answer 2xx within 10 s; " +
        "anything else is retried with exponential backoff and jitter for 24 hours. Sort a conversation's events by `sequence`.",
      request: { headers: WEBHOOK_HEADERS, body: { required: true, content: { "application/json": { schema: eventEnvelopeSchema(type) } } } },
      responses: { 200: { description: "Received (any 2xx)." } },
    });
  }
}

export function openApiDocument(operations: readonly Operation[] = OPERATIONS) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "apiKey", {
    type: "http",
    scheme: "bearer",
    description: "An API key from Settings → API keys: `Authorization: Bearer sbk_…`.",
  });
  for (const operation of operations) register(registry, operation);
  registerEvents(registry);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Sunbridge API",
      version: "1.0.0",
      description:
        "Everything an agent can do in the inbox, for the partner's backend. Errors are RFC 9457 problem details; their `type`s are listed on /docs/api.",
    },
    servers: [{ url: "/" }],
    security: [{ apiKey: [] }],
  });
}
