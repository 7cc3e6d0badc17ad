// Calling /api/v1's route handlers as Next.js would, with an API key made for the test.
import type { MemberContext } from "@/lib/auth/actor";
import type { ApiScope } from "@/lib/auth/actor";
import { createApiKey } from "@/lib/api-keys";

export const ALL_SCOPES: ApiScope[] = ["read", "send", "manage"];

export async function apiKeyFor(owner: MemberContext, scopes: ApiScope[] = ALL_SCOPES, name = "Backend") {
  const { key, apiKey } = await createApiKey(owner, { name, scopes });
  return { key, id: apiKey.id, prefix: apiKey.prefix };
}

export interface ApiAnswer {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

type Handler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;

export interface ApiCall {
  key?: string | null;
  method?: string;
  /** A JSON body, or FormData sent as it is. */
  body?: unknown;
  headers?: Record<string, string>;
}

export async function callApi<P>(handler: Handler<P>, url: string, params: P, call: ApiCall = {}): Promise<ApiAnswer> {
  const headers: Record<string, string> = { ...call.headers };
  if (call.key) headers.authorization = `Bearer ${call.key}`;
  let body: BodyInit | undefined;
  if (call.body instanceof FormData) body = call.body;
  else if (call.body !== undefined) {
    body = JSON.stringify(call.body);
    headers["content-type"] ??= "application/json";
  }
  const response = await handler(new Request(`http://localhost${url}`, { method: call.method ?? (body ? "POST" : "GET"), headers, body }), {
    params: Promise.resolve(params),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: text ? (JSON.parse(text) as unknown) : null };
}
