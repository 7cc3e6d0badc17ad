"use client";
// Offered after an app key connects an app with a switchboard: add Sunbridge to it, then see the chain it is in.
import Link from "next/link";
import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/action";
import { ActionMessage } from "@/app/_components/ActionMessage";
import { addToSwitchboardAction } from "../actions";

type Step = { name: string; step: number | null; isDefault: boolean; nextName: string | null };

export function AddToSwitchboard({ connectionId }: { connectionId: string }) {
  const [state, submit, pending] = useActionState<ActionState<Step[]>, FormData>(addToSwitchboardAction, null);
  if (state?.ok) {
    return (
      <div className="stack">
        <ActionMessage state={state} />
        <ol aria-label="Switchboard chain">
          {state.data.map((step) => (
            <li key={step.name}>
              <strong>{step.name}</strong>
              {step.isDefault && " (default)"}
              {step.nextName ? ` → passes control to ${step.nextName}` : ""}
              {step.step === null && <span className="muted"> — not in the chain from the default</span>}
            </li>
          ))}
        </ol>
        <p className="muted">
          Make Sunbridge the default on the <Link href={`/connections/${connectionId}/switchboard`}>Switchboard tab</Link> if it should answer first.
        </p>
      </div>
    );
  }
  return (
    <form action={submit} className="stack">
      <ActionMessage state={state} />
      <p>
        This app has a switchboard. Add Sunbridge to it as a switchboard integration (control passes on to the Agent Workspace when the switchboard
        has one)?
      </p>
      <input type="hidden" name="connectionId" value={connectionId} />
      <button type="submit" className="button secondary" disabled={pending}>
        Add Sunbridge to the switchboard
      </button>
    </form>
  );
}
