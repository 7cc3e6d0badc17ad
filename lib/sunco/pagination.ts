// Async iteration over SunCo's cursor-paged lists: pages are fetched as the consumer advances, never ahead.
import { SuncoError } from "./errors";

export interface PageMeta {
  hasMore: boolean;
  afterCursor?: string;
  beforeCursor?: string;
}

export interface Page<T> {
  items: T[];
  meta: PageMeta;
}

/**
 * "forward" follows `afterCursor` from the first page (most lists). "backward" follows `beforeCursor` from the
 * latest page, as messages page, and yields items newest first.
 */
export type PageDirection = "forward" | "backward";

export async function* iteratePages<T>(
  operation: string,
  direction: PageDirection,
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
): AsyncGenerator<T, void, undefined> {
  let cursor: string | undefined;
  const seen = new Set<string>();
  for (;;) {
    const page = await fetchPage(cursor);
    yield* direction === "forward" ? page.items : [...page.items].reverse();
    const next = direction === "forward" ? page.meta.afterCursor : page.meta.beforeCursor;
    if (!page.meta.hasMore || !next) return;
    // A cursor that comes round again would loop forever.
    if (seen.has(next)) {
      throw new SuncoError({ kind: "invalid_response", operation, detail: "a page cursor repeated" });
    }
    seen.add(next);
    cursor = next;
  }
}
