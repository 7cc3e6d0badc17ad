"use client";
// Saved replies in the composer: a filterable list; the chosen one is filled in with the conversation's values and
// inserted for the agent to edit before sending. Escape closes it and gives the focus back. Opening it reads the
// replies again, so one added meanwhile (in Settings, by anyone) is there; the page's copy shows until it answers.
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import type { SavedReply } from "@/lib/inbox";
import { renderSavedReply, type SavedReplyValues } from "@/lib/inbox/saved-reply-variables";
import { listSavedRepliesAction } from "../actions";
import styles from "./inbox.module.css";

interface Props {
  replies: SavedReply[];
  values: SavedReplyValues;
  onInsert: (text: string, missing: string[]) => void;
  disabled?: boolean;
}

export function SavedReplyPicker({ replies: initial, values, onInsert, disabled }: Props) {
  const [open, setOpen] = useState(false);
  const [replies, setReplies] = useState(initial);
  const [filter, setFilter] = useState("");
  const toggle = useRef<HTMLButtonElement>(null);
  const search = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!open) return;
    search.current?.focus();
    let current = true;
    void listSavedRepliesAction().then((result) => current && result.ok && setReplies(result.data));
    return () => {
      current = false;
    };
  }, [open]);

  const close = () => {
    setOpen(false);
    setFilter("");
    toggle.current?.focus();
  };
  const shown = replies.filter((reply) => `${reply.title} ${reply.body}`.toLowerCase().includes(filter.toLowerCase()));

  return (
    <div className={styles.popover} onKeyDown={(event) => event.key === "Escape" && open && (event.stopPropagation(), close())}>
      <button
        ref={toggle}
        type="button"
        className="button secondary small"
        aria-expanded={open}
        aria-controls="saved-replies"
        disabled={disabled}
        onClick={() => (open ? close() : setOpen(true))}
      >
        Saved replies
      </button>
      {open && (
        <div className={styles.popoverPanel} id="saved-replies" role="dialog" aria-label="Saved replies">
          <label htmlFor="saved-reply-filter" className="visually-hidden">
            Find a saved reply
          </label>
          <input ref={search} id="saved-reply-filter" type="search" placeholder="Find a saved reply" value={filter} onChange={(e) => setFilter(e.target.value)} />
          {replies.length === 0 ? (
            <p className={styles.hint}>
              No saved replies yet. Owners and admins add them under <Link href="/settings/saved-replies">Settings → Saved replies</Link>.
            </p>
          ) : (
            <ul>
              {shown.map((reply) => (
                <li key={reply.id}>
                  <button
                    type="button"
                    onClick={() => {
                      const rendered = renderSavedReply(reply.body, values);
                      onInsert(rendered.text, rendered.missing);
                      setOpen(false);
                      setFilter("");
                    }}
                  >
                    <strong>{reply.title}</strong>
                    <div className={styles.hint}>{reply.body.slice(0, 80)}</div>
                  </button>
                </li>
              ))}
              {shown.length === 0 && <li className={styles.hint}>Nothing matches.</li>}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
