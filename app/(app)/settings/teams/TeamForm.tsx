"use client";
// Creates a team by name.
import { useActionState, useEffect, useRef } from "react";
import type { ActionState } from "@/lib/actions/action";
import { Field } from "@/app/_components/Field";
import { createTeamAction } from "./actions";
import { ActionMessage } from "@/app/_components/ActionMessage";

export function TeamForm() {
  const [state, submit, pending] = useActionState<ActionState, FormData>(createTeamAction, null);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) form.current?.reset();
  }, [state]);
  return (
    <form action={submit} ref={form}>
      <ActionMessage state={state} />
      <Field id="team-name" label="Name" name="name" type="text" maxLength={80} required errors={state && !state.ok ? state.fieldErrors?.name : undefined} />
      <button type="submit" className="button" disabled={pending}>
        Create team
      </button>
    </form>
  );
}
