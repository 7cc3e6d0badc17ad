// The inbox filter as a query string, for links that change one part of it and keep the rest.
import type { InboxFilter } from "@/lib/inbox";

type FilterChange = Partial<Record<"status" | "assignee" | "unread" | "connection" | "label" | "q", string | undefined>>;

/** The query string of `filter` with `change` applied, defaults left out. */
export function queryOf(filter: InboxFilter, change: FilterChange = {}) {
  const values: Record<string, string | undefined> = {
    status: filter.status === "open" ? undefined : filter.status,
    assignee: filter.assignee === "all" ? undefined : filter.assignee,
    unread: filter.unread ? "1" : undefined,
    connection: filter.connection,
    label: filter.label,
    q: filter.q,
    ...change,
  };
  const params = new URLSearchParams(Object.entries(values).filter((entry): entry is [string, string] => Boolean(entry[1])));
  return params.size > 0 ? `?${params}` : "";
}
