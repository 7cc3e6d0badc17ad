"use client";
// The conversation's Sunbridge state in the thread header: resolve / reopen / set pending / snooze, its labels, and
// who it is assigned to. Follows changes other agents make through live updates.
import { useState, useTransition } from "react";
import type { AssignableMember, ConversationStatus, Label } from "@/lib/inbox";
import { assignAction, labelSelectionAction, setStatusAction, snoozeSelectionAction } from "../actions";
import { Time } from "@/app/_components/Time";
import { fullTime } from "./format";
import styles from "./inbox.module.css";
import { LabelChips } from "./LabelChips";
import { useLiveEvent } from "./LiveProvider";
import { SnoozeMenu } from "./SnoozeMenu";

interface Props {
  conversationId: string;
  status: ConversationStatus;
  snoozedUntil: string | null;
  labelIds: string[];
  labels: Label[];
  assigneeId: string | null;
  members: AssignableMember[];
  liveSince: string;
}

const STATUS_LABELS: Record<ConversationStatus, string> = { open: "Open", pending: "Pending", resolved: "Resolved", snoozed: "Snoozed" };
const CONFIRMATIONS: Record<Exclude<ConversationStatus, "snoozed">, string> = { open: "Reopened.", pending: "Marked pending.", resolved: "Resolved." };

export function ConversationControls(props: Props) {
  const { conversationId, members, labels, liveSince } = props;
  const [status, setStatus] = useState(props.status);
  const [snoozedUntil, setSnoozedUntil] = useState(props.snoozedUntil);
  const [labelIds, setLabelIds] = useState(props.labelIds);
  const initialAssignee = props.assigneeId;
  const [assigneeId, setAssigneeId] = useState(initialAssignee);
  const [error, setError] = useState<string | null>(null);
  // Said once the change is stored (the thread's activity line stays): a screen reader hears it, everyone sees it.
  const [confirmation, setConfirmation] = useState<string | null>(null);
  const [pending, start] = useTransition();

  useLiveEvent(
    "conversation.updated",
    ({ conversation }) => {
      if (conversation.id !== conversationId) return;
      setStatus(conversation.status);
      setSnoozedUntil(conversation.snoozedUntil);
      setLabelIds(conversation.labelIds);
      setAssigneeId(conversation.assigneeId);
    },
    liveSince,
  );

  // The optimistic change is shown at once, outside the transition (which would hold it until the action answers);
  // a refused change is corrected by the live update that follows, or stays as it was.
  const change = (work: () => Promise<{ ok: boolean; error?: string }>, optimistic: () => void, done: string) => {
    setError(null);
    setConfirmation(null);
    optimistic();
    start(async () => {
      const result = await work();
      if (!result.ok) setError(result.error ?? "That did not work.");
      else setConfirmation(done);
    });
  };

  const setTo = (next: Exclude<ConversationStatus, "snoozed">) =>
    change(() => setStatusAction({ conversationId, status: next }), () => setStatus(next), CONFIRMATIONS[next]);

  const snooze = (until: Date) =>
    change(
      () => snoozeSelectionAction({ conversationIds: [conversationId], until: until.toISOString() }),
      () => {
        setStatus("snoozed");
        setSnoozedUntil(until.toISOString());
      },
      `Snoozed until ${fullTime(until.toISOString())}.`,
    );

  const toggleLabel = (labelId: string, on: boolean) =>
    change(
      () => labelSelectionAction({ conversationIds: [conversationId], labelId, change: on ? "add" : "remove" }),
      () => setLabelIds((current) => (on ? [...current, labelId] : current.filter((id) => id !== labelId))),
      on ? "Label added." : "Label removed.",
    );

  return (
    <div className={styles.headerActions}>
      <span className="badge" data-testid="conversation-status">
        {STATUS_LABELS[status]}
      </span>
      {status === "snoozed" && snoozedUntil && (
        <span className={styles.snoozedUntil}>
          until <Time value={snoozedUntil} />
        </span>
      )}
      <LabelChips ids={labelIds} labels={labels} testId="conversation-labels" />
      {status === "resolved" || status === "snoozed" ? (
        <button type="button" className="button secondary small" disabled={pending} onClick={() => setTo("open")}>
          Reopen
        </button>
      ) : (
        <>
          {status === "open" && (
            <button type="button" className="button secondary small" disabled={pending} onClick={() => setTo("pending")} title="Waiting on the end user">
              Mark pending
            </button>
          )}
          {status === "pending" && (
            <button type="button" className="button secondary small" disabled={pending} onClick={() => setTo("open")}>
              Reopen
            </button>
          )}
          <SnoozeMenu disabled={pending} onSnooze={snooze} />
          <button type="button" className="button small" disabled={pending} onClick={() => setTo("resolved")} aria-keyshortcuts="e">
            Resolve
          </button>
        </>
      )}
      {labels.length > 0 && (
        <details className={styles.menu}>
          <summary className="button secondary small">Labels</summary>
          <div className={styles.menuPanel} role="group" aria-label="Labels of this conversation">
            {labels.map((label) => (
              <label key={label.id} className={styles.menuItem}>
                <input type="checkbox" checked={labelIds.includes(label.id)} disabled={pending} onChange={(event) => toggleLabel(label.id, event.target.checked)} />
                <span className={`${styles.labelChip} ${styles[`label-${label.color}`] ?? ""}`}>{label.name}</span>
              </label>
            ))}
          </div>
        </details>
      )}
      <label htmlFor="assignee" className="visually-hidden">
        Assignee
      </label>
      <select
        id="assignee"
        value={assigneeId ?? ""}
        disabled={pending}
        onChange={(event) => {
          const next = event.target.value || null;
          const name = members.find((member) => member.id === next)?.name;
          change(() => assignAction({ conversationId, assigneeId: next ?? "" }), () => setAssigneeId(next), name ? `Assigned to ${name}.` : "Unassigned.");
        }}
      >
        <option value="">Unassigned</option>
        {members.map((member) => (
          <option key={member.id} value={member.id}>
            {member.name}
          </option>
        ))}
      </select>
      {error && (
        <span className={styles.error} role="alert">
          {error}
        </span>
      )}
      <span className={styles.hint} role="status" data-testid="conversation-change">
        {confirmation}
      </span>
    </div>
  );
}
