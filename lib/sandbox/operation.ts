// The shape of every REST operation: authenticate, check the operation's scopes and the app, read the JSON body
// within SunCo's limits, answer. Handlers only deal with the resource.
import type { Context, Handler } from "hono";
import type { z } from "zod";
import { readFormLimited, readTextLimited } from "@/lib/http/read-body";
import { SUNCO_OPERATIONS, type SuncoOperationId } from "@/lib/sunco/schemas";
import { authenticate, requireApp, requireScope, type Principal } from "./auth";
import type { SandboxContext } from "./context";
import { badRequest, SuncoApiError } from "./errors";
import { ATTACHMENT_LIMIT_BYTES } from "./resources/attachments";
import type { AppRecord, Json } from "./state";
import { parseRequest } from "./validation";

export type SandboxEnv = {
  Bindings: {
    publicUrl: string;
    /** The client's address as the server saw it ("unknown" when it could not tell): see access.ts. */
    clientAddress: string;
  };
};

/** SunCo's documented limit for JSON bodies. */
export const JSON_LIMIT_BYTES = 100 * 1024;

export interface Call {
  readonly ctx: SandboxContext;
  readonly principal: Principal;
  readonly request: Request;
  /** The request's public URL, for pagination links. */
  readonly url: URL;
  /** The sandbox root's public URL (e.g. http://127.0.0.1:4010 or https://app.example/sandbox/sc). */
  readonly publicRoot: string;
  param(name: string): string;
  /** The JSON body, validated; an absent body is validated as `emptyAs` (undefined unless given). */
  body<S extends z.ZodType>(schema: S, options?: { emptyAs?: unknown }): Promise<z.output<S>>;
  /** The query string, validated. */
  query<S extends z.ZodType>(schema: S): z.output<S>;
}

export interface AppCall extends Call {
  readonly app: AppRecord;
}

export type Answer = { status?: number; body: Json } | Response;

export function operation(ctx: SandboxContext, id: SuncoOperationId, handler: (call: Call) => Answer | Promise<Answer>): Handler<SandboxEnv> {
  return async (c) => {
    const principal = await authenticate(ctx.state, c.req.header("authorization") ?? null);
    requireScope(principal, SUNCO_OPERATIONS[id].scopes);
    return respond(await handler(callOf(ctx, c, principal)));
  };
}

export function appOperation(ctx: SandboxContext, id: SuncoOperationId, handler: (call: AppCall) => Answer | Promise<Answer>): Handler<SandboxEnv> {
  return operation(ctx, id, (call) => handler({ ...call, app: requireApp(ctx.state, call.principal, call.param("appId")) }));
}

function callOf(ctx: SandboxContext, c: Context<SandboxEnv>, principal: Principal): Call {
  const internal = new URL(c.req.url);
  const url = new URL(c.env.publicUrl + internal.pathname + internal.search);
  return {
    ctx,
    principal,
    request: c.req.raw,
    url,
    publicRoot: c.env.publicUrl,
    param: (name) => c.req.param(name) ?? "",
    body: async (schema, options = {}) => parseRequest(schema, (await readJson(c.req.raw)) ?? options.emptyAs),
    query: (schema) => parseRequest(schema, Object.fromEntries(internal.searchParams), "query"),
  };
}

/** The body as text, within SunCo's JSON limit (which the OAuth bridge's forms keep to as well). */
export function readText(request: Request): Promise<string> {
  return readTextLimited(request, JSON_LIMIT_BYTES, { tooLarge: payloadTooLarge });
}

/** The parsed JSON body, or undefined when there is none. */
export async function readJson(request: Request): Promise<unknown> {
  const text = await readText(request);
  if (text.trim() === "") return undefined;
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type)) throw badRequest("The content-type: application/json header is required");
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest("The request body is not valid JSON");
  }
}

const payloadTooLarge = () => new SuncoApiError(413, "payload_too_large", "JSON request bodies are limited to 100kb");

/** SunCo's upload limit, with room for the multipart envelope around the file. */
const UPLOAD_LIMIT_BYTES = ATTACHMENT_LIMIT_BYTES + 64 * 1024;
export const uploadTooLarge = () => new SuncoApiError(413, "payload_too_large", "Uploads are limited to 50mb");

/** A multipart upload, read within SunCo's upload limit; `notAForm` is thrown when the body is no form. */
export async function readUploadForm(request: Request, notAForm: () => SuncoApiError): Promise<FormData> {
  return readFormLimited(request, UPLOAD_LIMIT_BYTES, { tooLarge: uploadTooLarge }).catch((error: unknown) => {
    throw error instanceof SuncoApiError ? error : notAForm();
  });
}

export function respond(answer: Answer): Response {
  if (answer instanceof Response) return answer;
  return Response.json(answer.body, { status: answer.status ?? 200 });
}
