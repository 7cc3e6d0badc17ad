// What the transport asks of the wire and reads back: the seam between lib/sunco/transport.ts (retries, errors,
// parsing) and lib/sunco/http.ts (undici or an injected fetch), so that neither imports the other.
export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export interface HttpRequest {
  method: HttpMethod;
  headers: Readonly<Record<string, string>>;
  /** JSON text, or multipart for an upload. */
  body: string | FormData | undefined;
  signal: AbortSignal;
}

/** What the transport reads of an answer; the body must be read, or the connection is not reused. */
export interface HttpAnswer {
  status: number;
  header(name: string): string | null;
  text(): Promise<string>;
}

export type HttpExchange = (url: string, request: HttpRequest) => Promise<HttpAnswer>;
