"use client";
// The inbox list: the first page rendered on the server, "Load more" pages fetched by cursor, and live updates —
// a conversation that changes moves, leaves the tab it no longer belongs to, or arrives when it newly does.
// Each row is a link (Enter opens it); j/k move between rows (see Shortcuts). Rows have checkboxes (shift-click selects
// a range) for the bulk actions above the list.
import Link from "next/link";
import { useCallback, useState, type MouseEvent, type ReactNode } from "react";
import type { AssignableMember, ConversationSummary, InboxFilter, InboxPage, Label } from "@/lib/inbox";
import type { ConversationLiveEventData } from "@/lib/conversations";
import { Time } from "@/app/_components/Time";
import { BulkActions } from "./BulkActions";
import { LabelChips } from "./LabelChips";
import { channelName } from "./format";
import styles from "./inbox.module.css";
import { useLiveEvent } from "./LiveProvider";

interface Props {
  initial: InboxPage;
  filter: InboxFilter;
  /** The filter as a query string ("?status=open…", or ""), kept on every link. */
  query: string;
  openId: string | null;
  currentUserId: string;
  members: AssignableMember[];
  labels: Label[];
  liveSince: string;
  /** Under "Nothing here": what to do next (connect an app, write from the simulator). */
  emptyHint?: ReactNode;
}

/** Who wrote the business's last message: "You" only for the member's own; a teammate or bot by name. */
const businessAuthor = (item: ConversationSummary, me: string) =>
  item.lastMessageAuthorMemberId === me ? "You" : (item.lastMessageAuthorName ?? "Your team");

const newestFirst = (a: ConversationSummary, b: ConversationSummary) =>
  b.lastActivityAt.localeCompare(a.lastActivityAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function belongs(conversation: ConversationLiveEventData<"conversation.updated">["conversation"], filter: InboxFilter, me: string) {
  if (conversation.removedAt || conversation.status !== filter.status) return false;
  if (filter.assignee === "mine" && conversation.assigneeId !== me) return false;
  if (filter.assignee === "unassigned" && conversation.assigneeId !== null) return false;
  if (filter.unread && conversation.unreadCount === 0) return false;
  if (filter.label && !conversation.labelIds.includes(filter.label)) return false;
  return !filter.connection || conversation.connectionId === filter.connection;
}

export function ConversationList({ initial, filter, query, openId, currentUserId, members, labels, liveSince, emptyHint }: Props) {
  const memberNames = Object.fromEntries(members.map((member) => [member.id, member.name]));
  const [items, setItems] = useState(initial.items);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [anchor, setAnchor] = useState<string | null>(null);
  const [next, setNext] = useState(initial.next);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const insert = useCallback((summary: ConversationSummary) => {
    setItems((current) => [...current.filter((item) => item.id !== summary.id), summary].sort(newestFirst));
  }, []);

  useLiveEvent(
    "conversation.updated",
    ({ conversation }) => {
      const known = items.find((item) => item.id === conversation.id);
      if (!belongs(conversation, filter, currentUserId)) {
        if (known) setItems((current) => current.filter((item) => item.id !== conversation.id));
        return;
      }
      if (known) {
        insert({
          ...known,
          status: conversation.status,
          assigneeId: conversation.assigneeId,
          assigneeName: conversation.assigneeId ? (memberNames[conversation.assigneeId] ?? known.assigneeName) : null,
          unreadCount: conversation.unreadCount,
          lastMessagePreview: conversation.lastMessagePreview,
          lastMessageAuthorType: conversation.lastMessageAuthorType,
          lastMessageAuthorName: conversation.lastMessageAuthorName,
          lastMessageAuthorMemberId: conversation.lastMessageAuthorMemberId,
          lastActivityAt: conversation.lastActivityAt,
          channelType: conversation.channelType ?? known.channelType,
          labelIds: conversation.labelIds,
          snoozedUntil: conversation.snoozedUntil,
        });
        return;
      }
      // A search only shows what matched it; otherwise a newcomer joins if it sorts among what is loaded.
      const oldest = items.at(-1);
      if (filter.q || (next && oldest && conversation.lastActivityAt < oldest.lastActivityAt)) return;
      void fetch(`/api/inbox/conversations/${conversation.id}`)
        .then((response) => (response.ok ? (response.json() as Promise<ConversationSummary>) : null))
        .then((summary) => summary && insert(summary))
        .catch(() => undefined);
    },
    liveSince,
  );

  const loadMore = async () => {
    if (!next) return;
    setLoading(true);
    setError(null);
    try {
      const params = new URLSearchParams(query.replace(/^\?/, ""));
      params.set("after", next);
      const response = await fetch(`/api/inbox/conversations?${params}`);
      const body = await response.json();
      if (!response.ok) throw new Error(body.error?.message ?? "The next page could not be loaded.");
      const page = body as InboxPage;
      setItems((current) => [...current, ...page.items.filter((item) => !current.some((c) => c.id === item.id))]);
      setNext(page.next);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setLoading(false);
    }
  };

  // The conversation open beside the list is being read: its count would only linger until the read mark comes back.
  const unread = (item: ConversationSummary) => (item.id === openId ? 0 : item.unreadCount);

  // Only what the list still shows stays selected (others may have left the tab meanwhile).
  const selection = items.filter((item) => selected.has(item.id)).map((item) => item.id);
  const allSelected = items.length > 0 && selection.length === items.length;

  /** A click on a row's checkbox; with shift, every row from the last one clicked takes its new state. */
  const toggle = (id: string, event: MouseEvent<HTMLInputElement>) => {
    const on = event.currentTarget.checked;
    const from = anchor ? items.findIndex((item) => item.id === anchor) : -1;
    const to = items.findIndex((item) => item.id === id);
    const range = event.shiftKey && from >= 0 ? items.slice(Math.min(from, to), Math.max(from, to) + 1).map((item) => item.id) : [id];
    setSelected((current) => {
      const next = new Set(current);
      for (const one of range) if (on) next.add(one); else next.delete(one);
      return next;
    });
    setAnchor(id);
  };

  if (items.length === 0) {
    return (
      <div className={styles.empty} role="status">
        {filter.q ? (
          <p>No conversation matches “{filter.q}”.</p>
        ) : (
          <>
            <p>Nothing here. New conversations appear as they arrive.</p>
            {emptyHint}
          </>
        )}
      </div>
    );
  }

  return (
    <>
      <BulkActions
        selection={selection}
        allSelected={allSelected}
        onSelectAll={(on) => setSelected(new Set(on ? items.map((item) => item.id) : []))}
        members={members}
        labels={labels}
        status={filter.status}
      />
      <ul className={styles.list} aria-label="Conversations" id="conversation-list">
        {items.map((item) => (
          <li key={item.id} className={styles.selectRow}>
            <span className={styles.selectBox}>
              <input
                type="checkbox"
                aria-label={`Select ${item.endUserName}`}
                checked={selected.has(item.id)}
                onChange={() => undefined}
                onClick={(event) => toggle(item.id, event)}
                data-select-conversation={item.id}
              />
            </span>
            <Link
              href={`/inbox/${item.id}${query}`}
              className={`${styles.item} ${unread(item) > 0 ? styles.unread : ""}`}
              aria-current={item.id === openId ? "page" : undefined}
              data-conversation-id={item.id}
              aria-label={`${item.endUserName}${unread(item) > 0 ? `, ${unread(item)} unread` : ""}: ${item.lastMessagePreview ?? "no messages yet"}`}
            >
              <div className={styles.itemTop}>
                <span className={styles.itemName}>{item.endUserName}</span>
                <span className={styles.itemTime}>
                  <Time value={item.lastActivityAt} format="short" />
                </span>
              </div>
              <div className={styles.itemPreview}>
                {item.lastMessageAuthorType === "business" && `${businessAuthor(item, currentUserId)}: `}
                {item.lastMessagePreview ?? "No messages yet"}
              </div>
              <div className={styles.itemMeta}>
                {unread(item) > 0 && <span className={styles.count}>{unread(item)}</span>}
                <span>{item.connectionName}</span>
                {channelName(item.channelType) && <span>· {channelName(item.channelType)}</span>}
                {item.assigneeName && <span>· {item.assigneeId === currentUserId ? "You" : item.assigneeName}</span>}
                {item.snoozedUntil && (
                  <span className={styles.snoozedUntil}>
                    · until <Time value={item.snoozedUntil} />
                  </span>
                )}
              </div>
              <LabelChips ids={item.labelIds} labels={labels} />
            </Link>
          </li>
        ))}
      </ul>
      {(next || error) && (
        <div className={styles.listFooter}>
          {error && (
            <p className={styles.error} role="alert">
              {error}
            </p>
          )}
          {next && (
            <button type="button" className="button secondary small" onClick={() => void loadMore()} disabled={loading}>
              {loading ? "Loading…" : "Load more"}
            </button>
          )}
        </div>
      )}
    </>
  );
}
