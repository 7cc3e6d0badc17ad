"use client";
// A conversation's thread: header (who, where, status, assignee), the timeline kept live (messages, their delivery
// status, notes, activities, the end user typing), older pages on demand, the read mark, and the composer.
import Link from "next/link";
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { AssignableMember, ConversationDetails, Label, SavedReply, ThreadMessage, TimelineItem, TimelinePage } from "@/lib/inbox";
import type { ConversationLiveEventData } from "@/lib/conversations";
import type { SavedReplyValues } from "@/lib/inbox/saved-reply-variables";
import type { MessageTemplate } from "@/lib/inbox/template-schemas";
import { needsTemplate } from "@/lib/sunco/template-window";
import { markReadAction, retryMessageAction } from "../actions";
import { ChannelLinkStatus } from "./ChannelLinkStatus";
import { Composer } from "./Composer";
import { ConversationControls } from "./ConversationControls";
import { channelName } from "./format";
import styles from "./inbox.module.css";
import { useLiveEvent } from "./LiveProvider";
import { TimelineEntry } from "./TimelineEntry";

interface Props {
  details: ConversationDetails;
  initial: TimelinePage;
  me: { id: string; name: string };
  members: AssignableMember[];
  labels: Label[];
  savedReplies: SavedReply[];
  savedReplyValues: SavedReplyValues;
  templates: MessageTemplate[];
  liveSince: string;
  /** Back to the list, and on to the side panel, where the panes are views one at a time (a phone). */
  listHref: string;
  detailsHref: string;
}

/** How long a typing indicator lasts if its typing:stop never comes. */
const TYPING_TIMEOUT_MS = 10_000;
const RANK = { message: 0, note: 1, activity: 2 } as const;
const timeOf = (item: TimelineItem) => (item.kind === "message" ? item.receivedAt : item.kind === "note" ? item.createdAt : item.occurredAt);
const displayOrder = (a: TimelineItem, b: TimelineItem) => timeOf(a).localeCompare(timeOf(b)) || RANK[a.kind] - RANK[b.kind];

function upsert(items: TimelineItem[], item: TimelineItem): TimelineItem[] {
  // The optimistic copy of an outbox message gives way to the stored one.
  const withoutPending =
    item.kind === "message" && item.clientMessageId ? items.filter((i) => i.id !== `pending-${item.clientMessageId}`) : items;
  const index = withoutPending.findIndex((i) => i.kind === item.kind && i.id === item.id);
  if (index >= 0) return withoutPending.map((existing, i) => (i === index ? ({ ...existing, ...item } as TimelineItem) : existing));
  return [...withoutPending, item].sort(displayOrder);
}

/** Messages closer than this to their author's previous one are shown as one group. */
const GROUP_WITHIN_MS = 5 * 60_000;

/** Whether `item` follows `previous` closely enough, from the same author on the same channel, to go without a header. */
function continues(previous: TimelineItem | undefined, item: TimelineItem): boolean {
  if (previous?.kind !== "message" || item.kind !== "message" || previous.deliveryStatus === "failed") return false;
  return (
    previous.authorType === item.authorType &&
    previous.authorDisplayName === item.authorDisplayName &&
    previous.sourceType === item.sourceType &&
    Date.parse(item.receivedAt) - Date.parse(previous.receivedAt) < GROUP_WITHIN_MS
  );
}

const asItem = (message: ConversationLiveEventData<"message.created">["message"]): ThreadMessage => ({ ...message, kind: "message" });

/** SunCo's reason when the newest message is a reply the channel refused for want of a template. */
function templateNeededBy(items: TimelineItem[]): string | null {
  const last = items.findLast((item) => item.kind === "message");
  return last?.kind === "message" && last.deliveryStatus === "failed" && needsTemplate(last.deliveryError) ? last.deliveryError : null;
}

export function Thread({ details, initial, me, members, labels, savedReplies, savedReplyValues, templates, liveSince, listHref, detailsHref }: Props) {
  const [items, setItems] = useState(initial.items);
  const [before, setBefore] = useState(initial.before);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [userTyping, setUserTyping] = useState(false);
  const [seenUpTo, setSeenUpTo] = useState(details.userLastReadAt);
  const [retrying, setRetrying] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const log = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const typingTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const lastRead = useRef(0);
  const id = details.id;
  const endUserName = details.endUser?.name ?? "End user";
  const mine = useCallback(<T extends { conversationId: string }>(data: T) => data.conversationId === id, [id]);

  const markRead = useCallback(() => {
    if (document.visibilityState !== "visible" || Date.now() - lastRead.current < 1500) return;
    lastRead.current = Date.now();
    void markReadAction(id);
  }, [id]);

  useEffect(() => {
    if (details.unreadCount > 0) markRead();
    const onVisible = () => document.visibilityState === "visible" && markRead();
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, [details.unreadCount, markRead]);

  useEffect(() => () => clearTimeout(typingTimer.current), []);

  const add = useCallback((item: TimelineItem) => setItems((current) => upsert(current, item)), []);

  useLiveEvent("message.created", (data) => mine(data) && (add(asItem(data.message)), data.message.authorType === "user" && setUserTyping(false)), liveSince);
  useLiveEvent("message.updated", (data) => mine(data) && add(asItem(data.message)), liveSince);
  useLiveEvent(
    "message.delivery",
    (data) =>
      mine(data) &&
      setItems((current) =>
        current.map((item) => (item.kind === "message" && item.id === data.id ? { ...item, deliveryStatus: data.deliveryStatus, deliveryError: data.deliveryError } : item)),
      ),
    liveSince,
  );
  useLiveEvent("note.created", (data) => mine(data) && add(data.note), liveSince);
  useLiveEvent("conversation.activity", (data) => mine(data) && add({ ...data, kind: "activity" }), liveSince);
  useLiveEvent(
    "typing",
    (data) => {
      if (!mine(data) || !data.suncoUserId) return;
      setUserTyping(data.typing);
      clearTimeout(typingTimer.current);
      if (data.typing) typingTimer.current = setTimeout(() => setUserTyping(false), TYPING_TIMEOUT_MS);
    },
    liveSince,
  );
  useLiveEvent(
    "conversation.updated",
    ({ conversation }) => {
      if (conversation.id !== id) return;
      setSeenUpTo(conversation.userLastReadAt);
      if (conversation.unreadCount > 0) markRead();
    },
    liveSince,
  );

  // Follow the conversation's end while the agent is there; leave them be when they scrolled up to read. Besides new
  // entries, the log changes size without a render: an image loads, the composer grows, the keyboard opens.
  const followEnd = useCallback(() => {
    if (atBottom.current && log.current) log.current.scrollTop = log.current.scrollHeight;
  }, []);
  useLayoutEffect(followEnd, [items, userTyping, followEnd]);
  useEffect(() => {
    const el = log.current;
    if (!el) return;
    const observer = new ResizeObserver(followEnd);
    observer.observe(el);
    for (const child of el.children) observer.observe(child);
    const added = new MutationObserver((changes) => changes.forEach((change) => change.addedNodes.forEach((node) => node instanceof Element && observer.observe(node))));
    added.observe(el, { childList: true });
    // An image's load changes its entry's size (observed above), but an entry's own size may be capped: follow loads too.
    el.addEventListener("load", followEnd, true);
    return () => {
      observer.disconnect();
      added.disconnect();
      el.removeEventListener("load", followEnd, true);
    };
  }, [followEnd]);

  const onScroll = () => {
    const el = log.current;
    if (el) atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 120;
  };

  const loadOlder = async () => {
    if (!before) return;
    setLoadingOlder(true);
    setProblem(null);
    try {
      const response = await fetch(`/api/inbox/conversations/${id}/timeline?before=${encodeURIComponent(before)}`);
      const body = await response.json();
      if (!response.ok) throw new Error(body.error?.message ?? "Older messages could not be loaded.");
      const page = body as TimelinePage;
      setItems((current) => page.items.reduce(upsert, current));
      setBefore(page.before);
    } catch (failure) {
      setProblem((failure as Error).message);
    } finally {
      setLoadingOlder(false);
    }
  };

  const retry = useCallback(
    async (message: ThreadMessage) => {
      if (!message.clientMessageId) return;
      setRetrying(message.id);
      setProblem(null);
      const result = await retryMessageAction(message.clientMessageId);
      setRetrying(null);
      if (!result.ok) setProblem(result.error);
      else if (result.data) add(result.data);
    },
    [add],
  );
  const onRetry = useCallback((message: ThreadMessage) => void retry(message), [retry]);

  const channel = channelName(details.channelType);
  return (
    <section className={`${styles.pane} ${styles.threadPane}`} aria-labelledby="thread-title">
      <header className={styles.threadHeader}>
        <Link href={listHref} className={`${styles.viewLink} ${styles.backLink} button secondary small`} aria-label="Back to conversations">
          ←
        </Link>
        <div className={styles.threadTitle}>
          <h2 id="thread-title">{endUserName}</h2>
          <p>
            {details.connection.appName}
            {channel && ` · ${channel}`}
          </p>
        </div>
        <Link href={detailsHref} className={`${styles.viewLink} ${styles.detailsLink} button secondary small`}>
          Details
        </Link>
        <ConversationControls
          conversationId={id}
          status={details.status}
          snoozedUntil={details.snoozedUntil}
          labelIds={details.labelIds}
          labels={labels}
          assigneeId={details.assigneeId}
          members={members}
          liveSince={liveSince}
        />
      </header>
      <div ref={log} className={styles.log} role="log" aria-label="Messages" aria-live="polite" onScroll={onScroll} tabIndex={0}>
        {before && (
          <button type="button" className={`button secondary small ${styles.olderButton}`} onClick={() => void loadOlder()} disabled={loadingOlder}>
            {loadingOlder ? "Loading…" : "Show older messages"}
          </button>
        )}
        {items.length === 0 && <p className={styles.hint}>No messages yet.</p>}
        {items.map((item, index) => (
          <TimelineEntry
            key={`${item.kind}-${item.id}`}
            item={item}
            continued={continues(items[index - 1], item)}
            endUserName={endUserName}
            seenUpTo={seenUpTo}
            onRetry={onRetry}
            retrying={retrying !== null}
          />
        ))}
      </div>
      <ChannelLinkStatus conversationId={id} />
      <div className={styles.typing} role="status">
        {userTyping ? `${endUserName} is typing…` : ""}
      </div>
      {problem && (
        <p className={styles.error} role="alert" style={{ padding: "0 1rem" }}>
          {problem}
        </p>
      )}
      {details.readOnlyReason ? (
        <p className={`${styles.readOnly} alert warning`} role="status">
          {details.readOnlyReason}
        </p>
      ) : (
        <Composer
          key={id}
          conversationId={id}
          me={me}
          initialDraft={details.draft}
          savedReplies={savedReplies}
          savedReplyValues={savedReplyValues}
          templates={templates}
          templateNeeded={templateNeededBy(items)}
          onOptimistic={add}
          onSent={add}
          onUnsent={(clientMessageId) => setItems((current) => current.filter((item) => item.id !== `pending-${clientMessageId}`))}
          onNote={add}
          mentionable={members}
        />
      )}
    </section>
  );
}
