"use client";

import { useActionState, useState } from "react";
import { createInviteAction } from "./actions";

export function InviteCreator({ canInviteOwners }: { canInviteOwners: boolean }) {
  const [state, action, pending] = useActionState(createInviteAction, null);
  const [copied, setCopied] = useState(false);
  return (
    <>
      <form action={action} className="row">
        <label htmlFor="invite-role">Invite as</label>
        <select id="invite-role" name="role" defaultValue="agent" style={{ width: "auto" }}>
          <option value="agent">Agent</option>
          <option value="admin">Admin</option>
          {canInviteOwners && <option value="owner">Owner</option>}
        </select>
        <button className="button" type="submit" disabled={pending}>
          Create invite link
        </button>
      </form>
      {state && !state.ok && (
        <div className="alert error" role="alert" style={{ marginTop: "0.75rem" }}>
          {state.error}
        </div>
      )}
      {state?.ok && (
        <div className="alert success" role="status" style={{ marginTop: "0.75rem" }}>
          <p>Share this link now: it is shown only once.</p>
          <div className="row">
            <input type="text" readOnly value={state.data.url} aria-label="Invite link" data-testid="invite-link" />
            <button
              type="button"
              className="button secondary small"
              onClick={() => navigator.clipboard.writeText(state.data.url).then(() => setCopied(true))}
            >
              {copied ? "Copied" : "Copy"}
            </button>
          </div>
        </div>
      )}
    </>
  );
}
