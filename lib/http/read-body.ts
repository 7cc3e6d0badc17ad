// Reading a request's body without letting the sender choose how much memory it takes. Every route that reads a body
// goes through here: the limit holds while the bytes arrive, chunked or not, and a Content-Length over it is refused
// before a byte is read.
import { PayloadTooLargeError } from "@/lib/errors";

export interface ReadLimitOptions {
  /** The error to throw when the body is too large; a PayloadTooLargeError (413) by default. */
  tooLarge?: () => Error;
}

const megabytes = (bytes: number) => (bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`);

function tooLargeError(maxBytes: number, options: ReadLimitOptions): Error {
  return options.tooLarge?.() ?? new PayloadTooLargeError(`The body is larger than ${megabytes(maxBytes)}.`);
}

/** The declared length, or NaN when there is none or it is not a number (then only the bytes read count). */
const declaredLength = (request: Request) => Number(request.headers.get("content-length") ?? Number.NaN);

/** Whether the request announces a body larger than `maxBytes`: such a request can be refused without reading it. */
export function declaresMoreThan(request: Request, maxBytes: number): boolean {
  return declaredLength(request) > maxBytes;
}

/**
 * The body's bytes, at most `maxBytes` of them. Throws (a 413 by default) as soon as the declared length or the bytes
 * read so far pass the limit. A refused body is left unread rather than cancelled: cancelling tears the socket down
 * under the answer, and an unread body only holds the sender back.
 */
export async function readBodyLimited(request: Request, maxBytes: number, options: ReadLimitOptions = {}): Promise<Uint8Array> {
  if (declaresMoreThan(request, maxBytes)) throw tooLargeError(maxBytes, options);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) throw tooLargeError(maxBytes, options);
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  return Buffer.concat(chunks, size);
}

/** The body as UTF-8 text (invalid sequences become U+FFFD), at most `maxBytes` long. */
export async function readTextLimited(request: Request, maxBytes: number, options: ReadLimitOptions = {}): Promise<string> {
  return Buffer.from(await readBodyLimited(request, maxBytes, options)).toString("utf8");
}

/**
 * A multipart or URL-encoded form, parsed from at most `maxBytes` of body. Throws the size error as the other
 * readers do, and a TypeError when the body is not a form of its declared content type.
 */
export async function readFormLimited(request: Request, maxBytes: number, options: ReadLimitOptions = {}): Promise<FormData> {
  const bytes = await readBodyLimited(request, maxBytes, options);
  const contentType = request.headers.get("content-type");
  return new Response(bytes as Uint8Array<ArrayBuffer>, { headers: contentType ? { "content-type": contentType } : {} }).formData();
}
