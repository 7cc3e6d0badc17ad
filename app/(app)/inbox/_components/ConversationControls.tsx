"use client";
// The conversation's Sunbridge state in the thread header: resolve / reopen / set pending, and who it is assigned
// to. Follows changes other agents make through live updates.
import { useState, useTransition } from "react";
import type { AssignableMember, ConversationStatus } from "@/lib/inbox";
import { assignAction, setStatusAction } from "../actions";
import styles from "./inbox.module.css";
import { useLiveEvent } from "./LiveProvider";

interface Props {
  conversationId: string;
  status: ConversationStatus;
  assigneeId: string | null;
  members: AssignableMember[];
  liveSince: string;
}

const STATUS_LABELS: Record<ConversationStatus, string> = { open: "Open", pending: "Pending", resolved: "Resolved" };
const CONFIRMATIONS: Record<ConversationStatus, string> = { open: "Reopened.", pending: "Marked pending.", resolved: "Resolved." };

export function ConversationControls({ conversationId, status: initialStatus, assigneeId: initialAssignee, members, liveSince }: Props) {
  const [status, setStatus] = useState(initialStatus);
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
      setAssigneeId(conversation.assigneeId);
    },
    liveSince,
  );

  const change = (work: () => Promise<{ ok: boolean; error?: string }>, optimistic: () => void, done: string) =>
    start(async () => {
      setError(null);
      setConfirmation(null);
      optimistic();
      const result = await work();
      if (!result.ok) setError(result.error ?? "That did not work.");
      else setConfirmation(done);
    });

  const setTo = (next: ConversationStatus) =>
    change(() => setStatusAction({ conversationId, status: next }), () => setStatus(next), CONFIRMATIONS[next]);

  return (
    <div className={styles.headerActions}>
      <span className="badge" data-testid="conversation-status">
        {STATUS_LABELS[status]}
      </span>
      {status === "resolved" ? (
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
          <button type="button" className="button small" disabled={pending} onClick={() => setTo("resolved")} aria-keyshortcuts="e">
            Resolve
          </button>
        </>
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
