// Reading a request's body without letting the sender choose how much memory it takes. Every route that reads a body
// goes through here: the limit holds while the bytes arrive, chunked or not, and a Content-Length over it is refused
// before a byte is read. Requests come as WHATWG Requests (route handlers) or as node:http messages (the webhook
// intake scripts/serve.ts answers itself); both get the same limits.
import type { IncomingMessage } from "node:http";
import { PayloadTooLargeError } from "@/lib/errors";

export interface ReadLimitOptions {
  /** The error to throw when the body is too large; a PayloadTooLargeError (413) by default. */
  tooLarge?: () => Error;
}

const megabytes = (bytes: number) => (bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`);

function tooLargeError(maxBytes: number, options: ReadLimitOptions): Error {
  return options.tooLarge?.() ?? new PayloadTooLargeError(`The body is larger than ${megabytes(maxBytes)}.`);
}

/**
 * Whether a Content-Length header value announces a body larger than `maxBytes`: such a request can be refused
 * without reading it. No header, or one that is not a number, announces nothing (then only the bytes read count).
 */
export function declaresMoreThan(contentLength: string | null | undefined, maxBytes: number): boolean {
  return Number(contentLength ?? Number.NaN) > maxBytes;
}

/**
 * The body's bytes, at most `maxBytes` of them. Throws (a 413 by default) as soon as the declared length or the bytes
 * read so far pass the limit. A refused body is left unread rather than cancelled: cancelling tears the socket down
 * under the answer, and an unread body only holds the sender back.
 */
export async function readBodyLimited(request: Request, maxBytes: number, options: ReadLimitOptions = {}): Promise<Uint8Array> {
  if (declaresMoreThan(request.headers.get("content-length"), maxBytes)) throw tooLargeError(maxBytes, options);
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

const abortedError = () => new Error("The request was aborted before its body was read.");

/**
 * A node:http request's body, at most `maxBytes` of it, with the same refusals as readBodyLimited. A refused body is
 * left unread (the message is paused): the server answers, then closes the connection rather than drain it.
 */
export function readMessageLimited(message: IncomingMessage, maxBytes: number, options: ReadLimitOptions = {}): Promise<Buffer> {
  if (declaresMoreThan(message.headers["content-length"], maxBytes)) return Promise.reject(tooLargeError(maxBytes, options));
  if (message.destroyed) return Promise.reject(abortedError());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (error: Error | null) => {
      message.off("data", onData).off("end", onEnd).off("error", settle).off("close", onClose);
      if (error) reject(error);
      else resolve(Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      message.pause();
      settle(tooLargeError(maxBytes, options));
    };
    const onEnd = () => settle(null);
    // The sender went away before the end: there is no whole body to read.
    const onClose = () => settle(abortedError());
    message.on("data", onData).once("end", onEnd).once("error", settle).once("close", onClose);
  });
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
