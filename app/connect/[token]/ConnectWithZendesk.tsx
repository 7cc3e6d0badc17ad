"use client";
// "Connect with Zendesk" on a connect link's page: off to the consent page, or why not.
import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/action";
import { ActionMessage } from "@/app/_components/ActionMessage";

export function ConnectWithZendesk({ action }: { action: (state: ActionState<string>, form: FormData) => Promise<ActionState<string>> }) {
  const [state, submit, pending] = useActionState(action, null);
  return (
    <form action={submit}>
      {state && !state.ok && <ActionMessage state={state} />}
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Opening Zendesk…" : "Connect with Zendesk"}
      </button>
    </form>
  );
}
