// What every typed method shares: its app's operations, run through the transport.
import type { OperationResponse, SuncoOperationId } from "../schemas/operations";
import { operationCall, type OperationArguments } from "../operation-call";
import type { Page, PageMeta } from "../pagination";
import type { CallOptions, Transport } from "../transport";

export type Invoke = <Id extends SuncoOperationId>(
  operation: Id,
  args?: OperationArguments<Id>,
) => Promise<OperationResponse<Id>>;

export function invoker(transport: Transport, appId: string): Invoke {
  return (operation, args = {}) => transport.call(operationCall(operation, args, appId));
}

/** Which page of a cursor-paged list to fetch. Give at most one cursor. */
export interface PageRequest {
  after?: string;
  before?: string;
  /** 1–100, default 25. */
  size?: number;
}

export interface IterateOptions extends CallOptions {
  /** Items per request, 1–100; default 100, the fewest requests. */
  pageSize?: number;
}

export function pageQuery(page: PageRequest = {}) {
  return { "page[after]": page.after, "page[before]": page.before, "page[size]": page.size };
}

export function pageOf<T>(
  items: T[],
  meta: { hasMore?: boolean; afterCursor?: string; beforeCursor?: string } | undefined,
): Page<T> {
  const pageMeta: PageMeta = { hasMore: meta?.hasMore ?? false };
  if (meta?.afterCursor) pageMeta.afterCursor = meta.afterCursor;
  if (meta?.beforeCursor) pageMeta.beforeCursor = meta.beforeCursor;
  return { items, meta: pageMeta };
}
