"use client";
// The list's tabs and filters, all in the URL (so a view can be linked and reloaded): status, mine / unassigned /
// all, unread, a connection, and a search by name, email or message text.
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import type { ConnectionName } from "@/lib/connections";
import type { InboxFilter, Label } from "@/lib/inbox";
import { queryOf } from "./filter-query";
import styles from "./inbox.module.css";
import { useLiveConnected } from "./LiveProvider";

const STATUS_TABS = [
  ["open", "Open"],
  ["pending", "Pending"],
  ["snoozed", "Snoozed"],
  ["resolved", "Resolved"],
] as const;
const ASSIGNEE_TABS = [
  ["all", "All"],
  ["mine", "Mine"],
  ["unassigned", "Unassigned"],
] as const;

interface Props {
  filter: InboxFilter;
  connections: ConnectionName[];
  labels: Label[];
  invalid: string | null;
  /** Shown beside the title (the shortcuts button). */
  children?: ReactNode;
}

export function InboxFilters({ filter, connections, labels, invalid, children }: Props) {
  const pathname = usePathname();
  const connected = useLiveConnected();
  return (
    <>
      <div className={styles.titleRow}>
        <h1>Inbox</h1>
        <span className={`${styles.liveDot} ${connected ? styles.on : ""}`} role="status">
          {connected ? "Live" : "Connecting…"}
        </span>
        {children}
      </div>
      <nav className={styles.tabs} aria-label="Status">
        {STATUS_TABS.map(([status, label]) => (
          <Link key={status} className={styles.tab} href={`${pathname}${queryOf(filter, { status })}`} aria-current={filter.status === status ? "page" : undefined}>
            {label}
          </Link>
        ))}
      </nav>
      <nav className={styles.tabs} aria-label="Assignee">
        {ASSIGNEE_TABS.map(([assignee, label]) => (
          <Link key={assignee} className={styles.tab} href={`${pathname}${queryOf(filter, { assignee })}`} aria-current={filter.assignee === assignee ? "page" : undefined}>
            {label}
          </Link>
        ))}
        <Link
          className={styles.tab}
          href={`${pathname}${queryOf(filter, { unread: filter.unread ? undefined : "1" })}`}
          aria-current={filter.unread ? "page" : undefined}
        >
          Unread
        </Link>
      </nav>
      <form className={styles.searchForm} action={pathname} method="get" role="search">
        {filter.status !== "open" && <input type="hidden" name="status" value={filter.status} />}
        {filter.assignee !== "all" && <input type="hidden" name="assignee" value={filter.assignee} />}
        {filter.unread && <input type="hidden" name="unread" value="1" />}
        {connections.length > 1 && (
          <>
            <label htmlFor="inbox-connection" className="visually-hidden">
              Connection
            </label>
            <select id="inbox-connection" name="connection" defaultValue={filter.connection ?? ""} onChange={(e) => e.currentTarget.form?.requestSubmit()}>
              <option value="">All apps</option>
              {connections.map((connection) => (
                <option key={connection.id} value={connection.id}>
                  {connection.appName}
                  {connection.state === "revoked" ? " (disconnected)" : ""}
                </option>
              ))}
            </select>
          </>
        )}
        {connections.length <= 1 && filter.connection && <input type="hidden" name="connection" value={filter.connection} />}
        {labels.length > 0 ? (
          <>
            <label htmlFor="inbox-label" className="visually-hidden">
              Label
            </label>
            <select id="inbox-label" name="label" defaultValue={filter.label ?? ""} onChange={(e) => e.currentTarget.form?.requestSubmit()}>
              <option value="">All labels</option>
              {labels.map((label) => (
                <option key={label.id} value={label.id}>
                  {label.name}
                </option>
              ))}
            </select>
          </>
        ) : (
          filter.label && <input type="hidden" name="label" value={filter.label} />
        )}
        <label htmlFor="inbox-search" className="visually-hidden">
          Search conversations
        </label>
        <input id="inbox-search" name="q" type="search" placeholder="Search (/)" defaultValue={filter.q ?? ""} aria-keyshortcuts="/" aria-describedby="inbox-search-hint" />
      </form>
      <p id="inbox-search-hint" className={styles.hint} style={{ margin: 0 }}>
        {invalid ?? "Names, emails and message text; label:name for a label"}
      </p>
    </>
  );
}
