// Cursor pagination as SunCo does it: `page[after]` / `page[before]` hold a record id, `page[size]` 1–100
// (default 25), and the answer carries `meta.hasMore`, the cursors and absolute `links`.
import { badRequest } from "./errors";

export interface PageRequest {
  after?: string;
  before?: string;
  size: number;
}

export interface Page<T> {
  items: T[];
  meta: { hasMore: boolean; afterCursor?: string; beforeCursor?: string };
  links: { prev?: string; next?: string };
}

const invalid = () => badRequest("Invalid page query parameters");

/** Reads `page[...]` from a URL; `fixedSize` is for ListMessages, whose pages are always 100 long. */
export function pageRequest(url: URL, fixedSize?: number): PageRequest {
  const after = url.searchParams.get("page[after]") ?? undefined;
  const before = url.searchParams.get("page[before]") ?? undefined;
  const sizeParam = url.searchParams.get("page[size]");
  if (after !== undefined && before !== undefined) throw invalid();
  for (const cursor of [after, before]) if (cursor !== undefined && cursor.length !== 24) throw invalid();
  if (fixedSize) return { after, before, size: fixedSize };
  if (sizeParam === null) return { after, before, size: 25 };
  const size = Number(sizeParam);
  if (!Number.isInteger(size) || size < 1 || size > 100) throw invalid();
  return { after, before, size };
}

/**
 * One page of `rows` (oldest first). Without a cursor, forward lists start at the beginning and backward ones
 * (messages) at the most recent records; `hasMore` looks in the direction being read.
 */
export function paginate<T extends { id: string }>(
  rows: T[],
  request: PageRequest,
  url: URL,
  direction: "forward" | "backward" = "forward",
): Page<T> {
  const indexOf = (id: string) => {
    const index = rows.findIndex((row) => row.id === id);
    if (index < 0) throw invalid();
    return index;
  };
  let start: number;
  if (request.after !== undefined) start = indexOf(request.after) + 1;
  else if (request.before !== undefined) start = Math.max(0, indexOf(request.before) - request.size);
  else start = direction === "forward" ? 0 : Math.max(0, rows.length - request.size);
  const end = request.before !== undefined ? indexOf(request.before) : Math.min(rows.length, start + request.size);
  const items = rows.slice(start, end);

  const hasPrevious = start > 0 && items.length > 0;
  const hasNext = end < rows.length && items.length > 0;
  const readingBackward = request.before !== undefined || (request.after === undefined && direction === "backward");
  const meta: Page<T>["meta"] = { hasMore: readingBackward ? hasPrevious : hasNext };
  const links: Page<T>["links"] = {};
  if (hasNext) {
    meta.afterCursor = items.at(-1)!.id;
    links.next = pageLink(url, "after", meta.afterCursor);
  }
  if (hasPrevious) {
    meta.beforeCursor = items[0]!.id;
    links.prev = pageLink(url, "before", meta.beforeCursor);
  }
  return { items, meta, links };
}

function pageLink(url: URL, cursor: "after" | "before", id: string): string {
  const link = new URL(url);
  link.searchParams.delete("page[after]");
  link.searchParams.delete("page[before]");
  link.searchParams.set(`page[${cursor}]`, id);
  // Brackets stay readable, as in SunCo's own links.
  return link.toString().replaceAll("%5B", "[").replaceAll("%5D", "]");
}
