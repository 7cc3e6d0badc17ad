"use client";
// An endpoint's buttons: send a test event, rotate its secret (shown once), disable or enable it, delete it.
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/action";
import { deleteEndpointAction, rotateSecretAction, sendTestEventAction, setEndpointEnabledAction } from "./actions";
import { SecretOnce } from "./SecretOnce";

export function EndpointActions({ id, url, enabled }: { id: string; url: string; enabled: boolean }) {
  const [pending, start] = useTransition();
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const run = <T,>(work: () => Promise<ActionResult<T>>, then?: (data: T) => void) =>
    start(async () => {
      const result = await work();
      setOutcome(result.ok ? (result.message ? { ok: true, text: result.message } : null) : { ok: false, text: result.error });
      if (result.ok) then?.(result.data);
    });
  return (
    <div className="stack">
      <div className="row">
        <button type="button" className="button small" disabled={pending || !enabled} onClick={() => run(() => sendTestEventAction(id))}>
          Send test event
        </button>
        <button
          type="button"
          className="button small secondary"
          disabled={pending}
          onClick={() => {
            if (!window.confirm("Make a new signing secret? The old one keeps signing too for 24 hours.")) return;
            run(() => rotateSecretAction({ endpointId: id, overlapHours: 24 }), (data) => setSecret(data.secret));
          }}
        >
          Rotate secret
        </button>
        <button type="button" className="button small secondary" disabled={pending} onClick={() => run(() => setEndpointEnabledAction({ endpointId: id, enabled: !enabled }))}>
          {enabled ? "Disable" : "Enable"}
        </button>
        <button
          type="button"
          className="button danger small"
          disabled={pending}
          onClick={() => {
            if (!window.confirm(`Delete the endpoint ${url} and its delivery log?`)) return;
            run(() => deleteEndpointAction(id));
          }}
        >
          Delete
        </button>
      </div>
      {outcome && (
        <div className={`alert ${outcome.ok ? "success" : "error"}`} role={outcome.ok ? "status" : "alert"}>
          {outcome.text}
        </div>
      )}
      {secret && <SecretOnce secret={secret} />}
    </div>
  );
}
