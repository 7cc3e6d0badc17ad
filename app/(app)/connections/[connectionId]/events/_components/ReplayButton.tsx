"use client";

import { useState, useTransition } from "react";
import { replayEventAction } from "../actions";

/** Sends one event back to the workers. */
export function ReplayButton({ connectionId, eventId }: { connectionId: string; eventId: string }) {
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <>
      <button
        type="button"
        className="button secondary small"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const result = await replayEventAction(connectionId, eventId);
            setMessage(result.ok ? { ok: true, text: result.message ?? "Queued." } : { ok: false, text: result.error });
          })
        }
      >
        Replay
      </button>
      {message && (
        <span role={message.ok ? "status" : "alert"} className={message.ok ? "muted" : "error"} style={{ marginLeft: "0.5rem" }}>
          {message.text}
        </span>
      )}
    </>
  );
}
