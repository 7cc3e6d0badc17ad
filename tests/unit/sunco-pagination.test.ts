import { describe, expect, it } from "vitest";
import { SuncoError } from "@/lib/sunco/errors";
import { iteratePages, type Page } from "@/lib/sunco/pagination";
import { collect } from "@/tests/support/sunco-client";

function pagesOf(pages: Record<string, Page<number>>) {
  const requested: (string | undefined)[] = [];
  const fetchPage = async (cursor: string | undefined) => {
    requested.push(cursor);
    return pages[cursor ?? "first"]!;
  };
  return { requested, fetchPage };
}

describe("cursor pagination", () => {
  it("follows afterCursor forward until there are no more pages", async () => {
    const { requested, fetchPage } = pagesOf({
      first: { items: [1, 2], meta: { hasMore: true, afterCursor: "c2" } },
      c2: { items: [3, 4], meta: { hasMore: true, afterCursor: "c3" } },
      c3: { items: [5], meta: { hasMore: false } },
    });
    expect(await collect(iteratePages("ListThings", "forward", fetchPage))).toEqual([1, 2, 3, 4, 5]);
    expect(requested).toEqual([undefined, "c2", "c3"]);
  });

  it("follows beforeCursor backward from the latest page, newest item first", async () => {
    const { requested, fetchPage } = pagesOf({
      first: { items: [4, 5, 6], meta: { hasMore: true, beforeCursor: "b1", afterCursor: "ignored" } },
      b1: { items: [1, 2, 3], meta: { hasMore: false } },
    });
    expect(await collect(iteratePages("ListMessages", "backward", fetchPage))).toEqual([6, 5, 4, 3, 2, 1]);
    expect(requested).toEqual([undefined, "b1"]);
  });

  it("fetches no page beyond what the consumer reads", async () => {
    const { requested, fetchPage } = pagesOf({
      first: { items: [1, 2], meta: { hasMore: true, afterCursor: "c2" } },
      c2: { items: [3], meta: { hasMore: false } },
    });
    expect(await collect(iteratePages("ListThings", "forward", fetchPage), 2)).toEqual([1, 2]);
    expect(requested).toEqual([undefined]);
  });

  it("stops when a page says there is more but gives no cursor", async () => {
    const { fetchPage } = pagesOf({ first: { items: [1], meta: { hasMore: true } } });
    expect(await collect(iteratePages("ListThings", "forward", fetchPage))).toEqual([1]);
  });

  it("fails instead of looping when a cursor comes round again", async () => {
    const { fetchPage } = pagesOf({
      first: { items: [1], meta: { hasMore: true, afterCursor: "c2" } },
      c2: { items: [2], meta: { hasMore: true, afterCursor: "c2" } },
    });
    await expect(collect(iteratePages("ListThings", "forward", fetchPage))).rejects.toMatchObject({
      constructor: SuncoError,
      kind: "invalid_response",
      operation: "ListThings",
    });
  });
});
