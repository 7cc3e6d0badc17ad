"use client";
// Creates a team by name.
import { Field } from "@/app/_components/Field";
import { useFormAction } from "@/app/_components/use-form-action";
import { createTeamAction } from "./actions";
import { ActionMessage } from "@/app/_components/ActionMessage";

export function TeamForm() {
  const { state, fieldErrors: errors, pending, formProps } = useFormAction(createTeamAction);
  return (
    <form {...formProps}>
      <ActionMessage state={state} />
      <Field id="team-name" label="Name" name="name" type="text" maxLength={80} required errors={errors.name} />
      <button type="submit" className="button" disabled={pending}>
        Create team
      </button>
    </form>
  );
}
