"use client";
// The bar above the list: select every conversation of the page, and change the selection at once — assign, label,
// resolve, snooze. Each is one server action; the live stream then moves the rows for every open page.
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/action";
import type { AssignableMember, ConversationStatus, Label } from "@/lib/inbox";
import { assignSelectionAction, labelSelectionAction, setSelectionStatusAction, snoozeSelectionAction } from "../actions";
import styles from "./inbox.module.css";
import { SnoozeMenu } from "./SnoozeMenu";

interface Props {
  selection: string[];
  allSelected: boolean;
  onSelectAll: (on: boolean) => void;
  members: AssignableMember[];
  labels: Label[];
  /** The tab's status: resolving is offered unless it is the resolved tab, reopening unless it is the open one. */
  status: ConversationStatus;
}

const plural = (count: number) => `${count} conversation${count === 1 ? "" : "s"}`;

export function BulkActions({ selection, allSelected, onSelectAll, members, labels, status }: Props) {
  const [pending, start] = useTransition();
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  const run = (work: () => Promise<ActionResult<number>>, done: (count: number) => string) =>
    start(async () => {
      setOutcome(null);
      const result = await work();
      if (result.ok) {
        setOutcome({ ok: true, text: done(result.data) });
        onSelectAll(false);
      } else setOutcome({ ok: false, text: result.error });
    });

  const conversationIds = selection;
  const none = selection.length === 0;
  return (
    <div className={styles.bulkBar} role="toolbar" aria-label="Bulk actions">
      <label>
        <input
          type="checkbox"
          checked={allSelected}
          // Some but not all: neither ticked nor empty.
          ref={(box) => {
            if (box) box.indeterminate = !none && !allSelected;
          }}
          onChange={(event) => onSelectAll(event.target.checked)}
        />{" "}
        {none ? "Select all" : `${selection.length} selected`}
      </label>
      {!none && (
        <>
          <span className={styles.spacer} />
          {status !== "resolved" && (
            <button
              type="button"
              className="button small"
              disabled={pending}
              onClick={() => run(() => setSelectionStatusAction({ conversationIds, status: "resolved" }), (n) => `Resolved ${plural(n)}.`)}
            >
              Resolve
            </button>
          )}
          {status !== "open" && (
            <button
              type="button"
              className="button secondary small"
              disabled={pending}
              onClick={() => run(() => setSelectionStatusAction({ conversationIds, status: "open" }), (n) => `Reopened ${plural(n)}.`)}
            >
              Reopen
            </button>
          )}
          <SnoozeMenu
            disabled={pending}
            onSnooze={(until) =>
              run(() => snoozeSelectionAction({ conversationIds, until: until.toISOString() }), (n) => `Snoozed ${plural(n)} until ${until.toLocaleString()}.`)
            }
          />
          <label className="visually-hidden" htmlFor="bulk-assign">
            Assign the selection
          </label>
          <select
            id="bulk-assign"
            value=""
            disabled={pending}
            onChange={(event) => {
              const assigneeId = event.target.value === "none" ? "" : event.target.value;
              const name = members.find((member) => member.id === assigneeId)?.name;
              run(() => assignSelectionAction({ conversationIds, assigneeId }), (n) => (name ? `Assigned ${plural(n)} to ${name}.` : `Unassigned ${plural(n)}.`));
            }}
          >
            <option value="" disabled>
              Assign…
            </option>
            <option value="none">Unassigned</option>
            {members.map((member) => (
              <option key={member.id} value={member.id}>
                {member.name}
              </option>
            ))}
          </select>
          {labels.length > 0 && (
            <>
              <label className="visually-hidden" htmlFor="bulk-label">
                Label the selection
              </label>
              <select
                id="bulk-label"
                value=""
                disabled={pending}
                onChange={(event) => {
                  const [change, labelId] = event.target.value.split(":") as ["add" | "remove", string];
                  const name = labels.find((label) => label.id === labelId)?.name;
                  run(
                    () => labelSelectionAction({ conversationIds, labelId, change }),
                    (n) => `${change === "add" ? "Labelled" : "Took the label off"} ${plural(n)}${change === "add" ? ` “${name}”` : ""}.`,
                  );
                }}
              >
                <option value="" disabled>
                  Label…
                </option>
                <optgroup label="Add">
                  {labels.map((label) => (
                    <option key={label.id} value={`add:${label.id}`}>
                      {label.name}
                    </option>
                  ))}
                </optgroup>
                <optgroup label="Remove">
                  {labels.map((label) => (
                    <option key={label.id} value={`remove:${label.id}`}>
                      {label.name}
                    </option>
                  ))}
                </optgroup>
              </select>
            </>
          )}
        </>
      )}
      {outcome && (
        <span className={outcome.ok ? styles.hint : styles.error} role={outcome.ok ? "status" : "alert"} style={{ flexBasis: "100%" }}>
          {outcome.text}
        </span>
      )}
    </div>
  );
}
