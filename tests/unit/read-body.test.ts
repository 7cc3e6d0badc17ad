// Reading request bodies under a limit: while the bytes arrive, whether a length was declared or not.
import { describe, expect, it } from "vitest";
import { PayloadTooLargeError } from "@/lib/errors";
import { readBodyLimited, readFormLimited, readTextLimited } from "@/lib/http/read-body";
import { chunkedPost, countedBody } from "../support/request-bodies";

const URL = "http://localhost/anything";
const KB = 1024;

describe("readBodyLimited", () => {
  it("returns a body within the limit, chunked or declared", async () => {
    const chunked = countedBody(100 * KB, { chunkBytes: 7 * KB, prefix: "hello" });
    const bytes = await readBodyLimited(chunkedPost(URL, chunked), 100 * KB);
    expect(bytes.byteLength).toBe(100 * KB);
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe("hello");
    expect(await readTextLimited(new Request(URL, { method: "POST", body: "déjà vu" }), 9)).toBe("déjà vu");
    expect((await readBodyLimited(new Request(URL), 10)).byteLength).toBe(0);
  });

  it("refuses a chunked body as soon as it passes the limit, reading no more than one piece beyond", async () => {
    const endless = countedBody(300 * 1024 * KB, { chunkBytes: 16 * KB });
    const error = await readBodyLimited(chunkedPost(URL, endless), 64 * KB).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect((error as PayloadTooLargeError).status).toBe(413);
    expect(endless.pulled()).toBeLessThanOrEqual(64 * KB + 16 * KB);
  });

  it("refuses a declared length over the limit before reading a byte", async () => {
    const body = countedBody(10 * KB);
    const request = chunkedPost(URL, body, { "content-length": String(2 * 1024 * KB) });
    await expect(readBodyLimited(request, 1024 * KB)).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect(body.pulled()).toBe(0);
  });

  it("does not trust a declared length under the limit: the bytes read count", async () => {
    const body = countedBody(200 * KB);
    const request = chunkedPost(URL, body, { "content-length": "10" });
    await expect(readBodyLimited(request, 100 * KB)).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect(body.pulled()).toBeLessThanOrEqual(100 * KB + 64 * KB);
  });

  it("throws the caller's error when it brings one", async () => {
    const teapot = new Error("too big for this teapot");
    await expect(readBodyLimited(new Request(URL, { method: "POST", body: "x".repeat(20) }), 10, { tooLarge: () => teapot })).rejects.toBe(teapot);
  });
});

describe("readFormLimited", () => {
  it("parses a multipart form within the limit and refuses a larger one", async () => {
    const form = new FormData();
    form.append("file", new File(["a".repeat(5 * KB)], "a.txt", { type: "text/plain" }));
    const small = await readFormLimited(new Request(URL, { method: "POST", body: form }), 10 * KB);
    expect((small.get("file") as File).size).toBe(5 * KB);
    await expect(readFormLimited(new Request(URL, { method: "POST", body: form }), 4 * KB)).rejects.toBeInstanceOf(PayloadTooLargeError);
  });
});
