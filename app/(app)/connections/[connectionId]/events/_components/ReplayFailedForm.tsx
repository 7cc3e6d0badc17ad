"use client";

import { useActionState } from "react";
import { replayFailedAction } from "../actions";

/** Sends every failed event received in a time range back to the workers. */
export function ReplayFailedForm({ connectionId, from, to }: { connectionId: string; from: string; to: string }) {
  const [state, action, pending] = useActionState(replayFailedAction.bind(null, connectionId), null);
  const fieldError = (field: string) => (state && !state.ok ? state.fieldErrors?.[field]?.join(" ") : undefined);
  return (
    <form action={action}>
      <div className="row" style={{ alignItems: "flex-end" }}>
        <div className="field">
          <label htmlFor="replay-from">Received from (UTC)</label>
          <input id="replay-from" name="from" type="datetime-local" defaultValue={from} required aria-invalid={fieldError("from") ? true : undefined} />
        </div>
        <div className="field">
          <label htmlFor="replay-to">to (UTC)</label>
          <input id="replay-to" name="to" type="datetime-local" defaultValue={to} required aria-invalid={fieldError("to") ? true : undefined} />
        </div>
        <div className="field">
          <button className="button" type="submit" disabled={pending}>
            Replay failed events
          </button>
        </div>
      </div>
      {state && !state.ok && (
        <div className="alert error" role="alert">
          {state.error} {Object.entries(state.fieldErrors ?? {}).map(([field, errors]) => `${field} ${errors.join(", ")}.`).join(" ")}
        </div>
      )}
      {state?.ok && (
        <div className="alert success" role="status">
          {state.data === 0 ? "No failed events in that range." : `${state.data} failed event${state.data === 1 ? "" : "s"} queued again.`}
        </div>
      )}
    </form>
  );
}
