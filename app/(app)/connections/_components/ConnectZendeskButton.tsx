"use client";

import { useActionState } from "react";
import { connectZendeskAction } from "../actions";

export function ConnectZendeskButton({ label = "Connect Zendesk" }: { label?: string }) {
  const [state, action, pending] = useActionState(connectZendeskAction, null);
  return (
    <form action={action}>
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Opening Zendesk…" : label}
      </button>
      {state && !state.ok && (
        <div className="alert error" role="alert" style={{ marginTop: "0.5rem" }}>
          {state.error}
        </div>
      )}
    </form>
  );
}
