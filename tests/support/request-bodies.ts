// Request bodies that arrive in pieces, as a chunked upload does, and remember how much of them was read: the
// measure of whether a route stopped reading at its limit.

export interface CountedBody {
  stream: ReadableStream<Uint8Array>;
  /** Bytes handed to the reader so far. */
  pulled(): number;
}

/** `totalBytes` of `prefix` then filler, produced only as they are read, `chunkBytes` at a time. */
export function countedBody(totalBytes: number, options: { chunkBytes?: number; prefix?: string } = {}): CountedBody {
  const chunkBytes = options.chunkBytes ?? 64 * 1024;
  let prefix: Uint8Array = new TextEncoder().encode(options.prefix ?? "");
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulled >= totalBytes) return controller.close();
        const chunk = new Uint8Array(Math.min(chunkBytes, totalBytes - pulled)).fill(0x78);
        const head = prefix.subarray(0, chunk.length);
        chunk.set(head);
        prefix = prefix.subarray(head.length);
        pulled += chunk.length;
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled: () => pulled };
}

/** A POST whose body is streamed without a Content-Length, as with Transfer-Encoding: chunked. */
export function chunkedPost(url: string, body: CountedBody, headers: Record<string, string> = {}): Request {
  return new Request(url, { method: "POST", headers, body: body.stream, duplex: "half" } as RequestInit);
}
