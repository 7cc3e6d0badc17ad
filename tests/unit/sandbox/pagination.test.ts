import { describe, expect, it } from "vitest";
import { SuncoApiError } from "@/lib/sandbox/errors";
import { pageRequest, paginate } from "@/lib/sandbox/pagination";

const rows = Array.from({ length: 7 }, (_, i) => ({ id: `${i}`.padStart(24, "0") }));
const url = new URL("http://sandbox.test/v2/apps/a/conversations?filter[userId]=u");
const page = (query: string, direction?: "forward" | "backward") => {
  const requestUrl = new URL(`${url}&${query}`);
  return paginate(rows, pageRequest(requestUrl), requestUrl, direction);
};
const ids = (items: { id: string }[]) => items.map((row) => Number(row.id));

describe("cursor pagination", () => {
  it("reads forward from the start, pointing at the next page", () => {
    const first = page("page[size]=3");
    expect(ids(first.items)).toEqual([0, 1, 2]);
    expect(first.meta).toEqual({ hasMore: true, afterCursor: rows[2]!.id });
    expect(first.links.next).toBe(`${url}&page[size]=3&page[after]=${rows[2]!.id}`);
    expect(first.links.prev).toBeUndefined();
  });

  it("after a cursor, gives the records that follow it and a way back", () => {
    const second = page(`page[size]=3&page[after]=${rows[2]!.id}`);
    expect(ids(second.items)).toEqual([3, 4, 5]);
    expect(second.meta).toEqual({ hasMore: true, afterCursor: rows[5]!.id, beforeCursor: rows[3]!.id });
    const last = page(`page[size]=3&page[after]=${rows[5]!.id}`);
    expect(ids(last.items)).toEqual([6]);
    expect(last.meta.hasMore).toBe(false);
    expect(last.links.next).toBeUndefined();
  });

  it("before a cursor, gives the records just before it; hasMore looks backwards", () => {
    const previous = page(`page[size]=2&page[before]=${rows[3]!.id}`);
    expect(ids(previous.items)).toEqual([1, 2]);
    expect(previous.meta.hasMore).toBe(true);
    expect(previous.meta.beforeCursor).toBe(rows[1]!.id);
  });

  it("backward lists (messages) start with the most recent page", () => {
    const recent = page("page[size]=3", "backward");
    expect(ids(recent.items)).toEqual([4, 5, 6]);
    expect(recent.meta).toEqual({ hasMore: true, beforeCursor: rows[4]!.id });
  });

  it.each(["page[size]=0", "page[size]=101", "page[size]=two", "page[after]=short", `page[after]=${rows[0]!.id}&page[before]=${rows[1]!.id}`, `page[after]=${"f".repeat(24)}`])(
    "refuses %s with 400 Invalid page query parameters",
    (query) => {
      try {
        page(query);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(SuncoApiError);
        expect((error as SuncoApiError).body).toEqual({ errors: [{ code: "bad_request", title: "Invalid page query parameters" }] });
      }
    },
  );
});
