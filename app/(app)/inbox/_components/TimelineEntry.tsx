// One entry of the thread: a message (author, channel, time, delivery status, and for a failed send its reason and
// a retry), an internal note, or something else that happened (postbacks, switchboard changes, channels).
import { memo } from "react";
import type { ThreadActivity, ThreadMessage, ThreadNote, TimelineItem } from "@/lib/inbox";
import { Time as ShownTime } from "@/app/_components/Time";
import { channelName, fullTime } from "./format";
import styles from "./inbox.module.css";
import { splitMentions } from "./mentions";
import { MessageContent } from "./MessageContent";

const STATUS_LABELS: Record<ThreadMessage["deliveryStatus"], string> = {
  sending: "Sending…",
  sent: "Sent",
  delivered_to_channel: "Delivered",
  delivered_to_user: "Delivered",
  failed: "Failed",
};

function Time({ iso }: { iso: string }) {
  return <ShownTime value={iso} format="short" />;
}

interface MessageProps {
  message: ThreadMessage;
  /** Follows the same author's previous message closely: shown without repeating author, channel and time. */
  continued: boolean;
  endUserName: string;
  /** The end user read the conversation up to then. */
  seenUpTo: string | null;
  onRetry: (message: ThreadMessage) => void;
  retrying: boolean;
}

function MessageEntry({ message, continued, endUserName, seenUpTo, onRetry, retrying }: MessageProps) {
  const business = message.authorType === "business";
  const author = business ? (message.authorDisplayName ?? "Business") : (message.authorDisplayName ?? endUserName);
  const channel = channelName(message.sourceType);
  const failed = message.deliveryStatus === "failed";
  const seen = business && !failed && message.suncoMessageId !== null && seenUpTo !== null && seenUpTo >= message.receivedAt;
  return (
    <article
      className={`${styles.message} ${business ? styles.business : ""} ${failed ? styles.failed : ""} ${continued ? styles.continued : ""}`}
      aria-label={`${author}, ${fullTime(message.receivedAt)}`}
      data-message-id={message.id}
      title={continued ? fullTime(message.receivedAt) : undefined}
    >
      {!continued && (
        <div className={styles.messageMeta}>
          <strong>{author}</strong>
          {channel && !business && <span>via {channel}</span>}
          <Time iso={message.receivedAt} />
        </div>
      )}
      <div className={styles.bubble}>{message.deleted ? <em className={styles.hint}>Deleted message</em> : <MessageContent content={message.content} text={message.text} />}</div>
      {business && (
        <div className={styles.messageMeta}>
          {failed ? (
            <>
              <span className={styles.error} role="alert" data-testid="delivery-status">
                Failed{message.deliveryError ? `: ${message.deliveryError}` : ""}
              </span>
              {message.retryable && (
                <button type="button" className="button secondary small" onClick={() => onRetry(message)} disabled={retrying}>
                  Retry
                </button>
              )}
            </>
          ) : (
            <span data-testid="delivery-status">{seen ? "Seen" : STATUS_LABELS[message.deliveryStatus]}</span>
          )}
        </div>
      )}
    </article>
  );
}

function NoteEntry({ note }: { note: ThreadNote }) {
  return (
    <aside className={styles.note} aria-label={`Internal note by ${note.authorName}`}>
      <div className={styles.messageMeta}>
        <strong>Internal note</strong> · {note.authorName} · <Time iso={note.createdAt} />
      </div>
      <div style={{ whiteSpace: "pre-wrap" }}>
        {splitMentions(note.text, note.mentions ?? []).map((part, i) =>
          part.mention ? (
            <mark key={i} className={styles.mention}>
              {part.text}
            </mark>
          ) : (
            part.text
          ),
        )}
      </div>
    </aside>
  );
}

type Data = Record<string, unknown> & {
  postback?: { payload?: string; actionName?: string };
  referral?: { code?: string };
  creationReason?: string;
  reason?: string;
  metadata?: Record<string, unknown> | null;
  error?: { message?: string };
  client?: { type?: string };
  by?: string;
  assigneeName?: string | null;
  status?: string;
  from?: string;
};

/** How SunCo says a conversation began (its creationReason), in the agent's words; the rest need no words. */
const CREATION_REASONS: Record<string, string> = {
  message: "with a message",
  notification: "with a notification sent to the end user",
  prechatCapture: "from a pre-chat form",
  proactiveMessaging: "with a proactive message",
  linkRequest: "when a channel was linked",
};

function describeStatus(data: Data): string {
  if (data.status === "resolved") return `${data.by} resolved the conversation`;
  if (data.status === "pending") return `${data.by} marked the conversation pending`;
  return `${data.by} reopened the conversation`;
}

function describeActivity(activity: ThreadActivity, endUserName: string): string {
  const data = activity.data as Data;
  const by = (key: string) => (typeof data.metadata?.[key] === "string" ? ` by ${data.metadata[key]}` : "");
  const reason = data.reason ? ` (${data.reason})` : "";
  const creation = data.creationReason ? CREATION_REASONS[data.creationReason] : undefined;
  switch (activity.type) {
    case "sunbridge:assign":
      return data.assigneeName ? `${data.by} assigned the conversation to ${data.assigneeName}` : `${data.by} unassigned the conversation`;
    case "sunbridge:status":
      return describeStatus(data);
    case "conversation:postback": {
      const button = data.postback?.actionName ? ` “${data.postback.actionName}”` : " a button";
      return `${endUserName} tapped${button}${data.postback?.payload ? ` · payload “${data.postback.payload}”` : ""}`;
    }
    case "conversation:referral":
      return `${endUserName} came from a referral${data.referral?.code ? ` (${data.referral.code})` : ""}`;
    case "conversation:create":
      return `Conversation started${creation ? ` ${creation}` : ""}`;
    case "conversation:join":
      return "A participant joined";
    case "conversation:leave":
      return "A participant left";
    case "switchboard:passControl":
      return `Control passed${by("passedBy")}${reason}`;
    case "switchboard:releaseControl":
      return `Control released${by("releasedBy")}${reason}`;
    case "switchboard:offerControl":
      return "Control offered";
    case "switchboard:acceptControl":
      return "Control accepted";
    case "client:add":
      return `${endUserName} linked ${channelName(data.client?.type) ?? "a channel"}`;
    case "client:update":
      return `${channelName(data.client?.type) ?? "A channel"} was updated${reason}`;
    case "client:remove":
      return `${channelName(data.client?.type) ?? "A channel"} was removed${reason}`;
    default:
      return activity.type.endsWith(":failure")
        ? `Handing the conversation over did not work${data.error?.message ? `: ${data.error.message}` : ""}`
        : "Something changed in the conversation";
  }
}

function Entry(props: Omit<MessageProps, "message"> & { item: TimelineItem }) {
  const { item } = props;
  if (item.kind === "message") return <MessageEntry {...props} message={item} />;
  if (item.kind === "note") return <NoteEntry note={item} />;
  return (
    <p className={styles.activity}>
      {describeActivity(item, props.endUserName)} · <Time iso={item.occurredAt} />
    </p>
  );
}

/** Memoized: the thread re-renders on every typing event, and an unchanged entry need not parse its markdown again. */
export const TimelineEntry = memo(Entry);
