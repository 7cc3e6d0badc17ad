// The /api/v1 framework. An operation is declared once, in lib/api/operations/<resource>.ts, with `defineOperation`:
// method, path, the scope it needs, zod schemas for its params, query, body and answer, and `run`, which calls a
// use-case. A route file only exports `apiHandler(operation)` under the method's name, and the OpenAPI document
// (document.ts) is generated from the same declarations, so the two cannot drift.
//
// For each request, apiHandler: authenticates the API key (401), counts the request against the key's per-minute
// limit (429 with Retry-After; RateLimit-Limit / -Remaining / -Reset and RateLimit-Policy on every answer), checks the
// scope (403, audited), parses params, query and body (422 naming each field), runs the operation once per
// Idempotency-Key when it is `idempotent`, and checks the answer against its schema. Every error is a problem
// (problem.ts). Use-cases get the key's ApiKeyContext: the whole organization, so another organization's id is 404.
import { z } from "zod";
import { auditRefusedUse, authenticateApiKey } from "@/lib/api-keys";
import type { ApiKeyContext, ApiScope } from "@/lib/auth/actor";
import { env } from "@/lib/env";
import { InvalidInputError, PayloadTooLargeError, UnsupportedMediaTypeError } from "@/lib/errors";
import { readFormLimited, readTextLimited } from "@/lib/http/read-body";
import { route } from "@/lib/http/route-handler";
import { hit } from "@/lib/rate-limit";
import { parseInput } from "@/lib/validation";
import { randomUUID } from "node:crypto";
import { idempotencyKeyOf, onceForKey, requestHash } from "./idempotency";
import { ApiProblem, problemOf, problemResponse } from "./problem";

export type HttpMethod = "get" | "post" | "patch" | "put" | "delete";

const MAX_JSON_BYTES = 64 * 1024;

type AnyObject = z.ZodObject;

/** A multipart upload: the file in one form field, at most `maxBytes` of body. */
export interface Upload {
  field: string;
  maxBytes: number;
  description: string;
}

export interface OperationInput<P extends AnyObject, Q extends AnyObject, B extends z.ZodType> {
  params: z.output<P>;
  query: z.output<Q>;
  body: z.output<B>;
  /** The uploaded file, for an operation with `upload`. */
  file: File | null;
}

export interface CallInfo {
  /** Fixed by the Idempotency-Key's claim when the request has one, fresh otherwise: what to make a change once by. */
  idempotencyId: string;
}

export interface Operation<P extends AnyObject = AnyObject, Q extends AnyObject = AnyObject, B extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  /** The OpenAPI operationId, and the route's log label. */
  id: string;
  method: HttpMethod;
  /** Under /api/v1, OpenAPI style: `/conversations/{conversationId}`. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  scope: ApiScope;
  params?: P;
  query?: Q;
  body?: B;
  upload?: Upload;
  response: R;
  /** 200 unless said. */
  status?: 200 | 201 | 202;
  /** Honour Idempotency-Key (writes that must happen once). */
  idempotent?: boolean;
  run: (ctx: ApiKeyContext, input: OperationInput<P, Q, B>, call: CallInfo) => Promise<z.input<R>>;
}

/** Declares an operation; the identity function, there for the types. */
export function defineOperation<P extends AnyObject = AnyObject, Q extends AnyObject = AnyObject, B extends z.ZodType = z.ZodUndefined, R extends z.ZodType = z.ZodType>(
  operation: Operation<P, Q, B, R>,
): Operation<P, Q, B, R> {
  return operation;
}

interface RateState {
  headers: Record<string, string>;
  exceeded: boolean;
  resetsIn: number;
}

async function countRequest(ctx: ApiKeyContext): Promise<RateState> {
  const limit = env().API_RATE_LIMIT_PER_MINUTE;
  const { count, resetsIn } = await hit(`api:${ctx.actor.id}`, { limit, seconds: 60 });
  const reset = Math.max(1, resetsIn);
  return {
    headers: {
      "ratelimit-limit": String(limit),
      "ratelimit-remaining": String(Math.max(0, limit - count)),
      "ratelimit-reset": String(reset),
      "ratelimit-policy": `${limit};w=60`,
    },
    exceeded: count > limit,
    resetsIn: reset,
  };
}

/** Input errors named as in the request: body fields bare, the others prefixed (`query.limit`, `params.conversationId`). */
function parsePart<S extends z.ZodType>(schema: S | undefined, value: unknown, prefix: string): z.output<S> {
  if (!schema) return undefined as z.output<S>;
  try {
    return parseInput(schema, value, prefix || "body");
  } catch (error) {
    if (!(error instanceof InvalidInputError) || !prefix) throw error;
    const named = Object.fromEntries(Object.entries(error.fieldErrors).map(([field, messages]) => [field === prefix ? field : `${prefix}.${field}`, messages]));
    throw new InvalidInputError(error.message, named);
  }
}

async function readJson(request: Request): Promise<unknown> {
  const text = await readTextLimited(request, MAX_JSON_BYTES);
  if (text.trim() === "") return undefined;
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) throw new UnsupportedMediaTypeError("Send the body as application/json.");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new InvalidInputError("The body is not valid JSON.", { body: ["is not valid JSON"] });
  }
}

async function readUpload(request: Request, upload: Upload): Promise<File> {
  const tooLarge = () => new PayloadTooLargeError(`The body is larger than ${Math.round(upload.maxBytes / (1024 * 1024))} MB.`);
  const form = await readFormLimited(request, upload.maxBytes, { tooLarge }).catch((error: unknown) => {
    if (error instanceof PayloadTooLargeError) throw error;
    throw new UnsupportedMediaTypeError(`Send the file as multipart/form-data in a field named ${upload.field}.`);
  });
  const file = form.get(upload.field);
  if (!(file instanceof File)) throw new InvalidInputError(`Send the file in a field named ${upload.field}.`, { [upload.field]: ["is required"] });
  return file;
}

async function inputOf<P extends AnyObject, Q extends AnyObject, B extends z.ZodType>(
  operation: Operation<P, Q, B>,
  request: Request,
  rawParams: Record<string, string>,
): Promise<OperationInput<P, Q, B>> {
  const params = parsePart(operation.params, rawParams, "params");
  const query = parsePart(operation.query, Object.fromEntries(new URL(request.url).searchParams), "query");
  const file = operation.upload ? await readUpload(request, operation.upload) : null;
  const body = operation.body ? parsePart(operation.body, await readJson(request), "") : undefined;
  return { params, query, body: body as z.output<B>, file };
}

function json(status: number, body: unknown, headers: Record<string, string>) {
  return new Response(JSON.stringify(body), { status, headers: { ...headers, "content-type": "application/json" } });
}

/** The route handler for an operation: `export const GET = apiHandler(getConversation);`. */
export function apiHandler<P extends AnyObject, Q extends AnyObject, B extends z.ZodType, R extends z.ZodType>(operation: Operation<P, Q, B, R>) {
  return route<Record<string, string>>(`api-v1:${operation.id}`, async (request, { params, requestId, log }) => {
    let headers: Record<string, string> = {};
    try {
      const ctx = await authenticateApiKey(request.headers.get("authorization"));
      const rate = await countRequest(ctx);
      headers = rate.headers;
      if (rate.exceeded) {
        const problem = problemOf(new ApiProblem("rate_limited", `This key made more than ${headers["ratelimit-limit"]} requests this minute; retry in ${rate.resetsIn} s.`), requestId);
        return problemResponse(problem, { ...headers, "retry-after": String(rate.resetsIn) });
      }
      if (!ctx.scopes.includes(operation.scope)) {
        await auditRefusedUse({ ...ctx.actor, organizationId: ctx.organization.id }, ctx.organization.name, `API key refused: it lacks the ${operation.scope} scope (${operation.id}).`);
        throw new ApiProblem("forbidden", `This API key lacks the ${operation.scope} scope, which ${operation.method.toUpperCase()} /api/v1${operation.path} needs.`);
      }
      const input = await inputOf(operation, request, await params);
      const key = operation.idempotent ? idempotencyKeyOf(request) : null;
      const answer = async (idempotencyId: string) => {
        try {
          const result = operation.response.parse(await operation.run(ctx, input, { idempotencyId }));
          return { status: operation.status ?? 200, body: result as unknown };
        } catch (error) {
          // Client errors are answers a retry with the same key gets again; others let the key go.
          const problem = problemOf(error, requestId);
          if (problem.status >= 500) throw error;
          return { status: problem.status, body: problem };
        }
      };
      if (key === null) {
        const { status, body } = await answer(randomUUID());
        return status >= 400 ? problemResponse(body as never, headers) : json(status, body, headers);
      }
      const stored = await onceForKey(ctx.actor.id, key, requestHash(operation.id, { params: input.params, query: input.query, body: input.body }), answer);
      const replayHeaders = stored.replayed ? { ...headers, "idempotent-replayed": "true" } : headers;
      return stored.status >= 400 ? problemResponse(stored.body as never, replayHeaders) : json(stored.status, stored.body, replayHeaders);
    } catch (error) {
      const problem = problemOf(error, requestId);
      if (problem.status >= 500) log.error({ err: error }, "API operation failed");
      return problemResponse(problem, headers);
    }
  });
}
