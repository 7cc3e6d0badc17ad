"use client";
// Turns the satisfaction survey on or off for the organization.
import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/action";
import { setSatisfactionSurveyAction } from "./actions";
import { ActionMessage } from "@/app/_components/ActionMessage";

export function SatisfactionForm({ enabled }: { enabled: boolean }) {
  const [state, submit, pending] = useActionState<ActionState, FormData>(setSatisfactionSurveyAction, null);
  return (
    <form action={submit}>
      <ActionMessage state={state} />
      <fieldset className="field">
        <legend>When an agent resolves a conversation</legend>
        <label>
          <input type="radio" name="enabled" value="on" defaultChecked={enabled} /> Send the end user a satisfaction survey
        </label>
        <label>
          <input type="radio" name="enabled" value="off" defaultChecked={!enabled} /> Send nothing
        </label>
      </fieldset>
      <button type="submit" className="button" disabled={pending}>
        Save
      </button>
    </form>
  );
}
