"use client";

import { useActionState } from "react";
import { Field } from "@/app/_components/Field";
import { createOrganizationAction } from "./actions";

export function CreateOrganizationForm() {
  const [state, action, pending] = useActionState(createOrganizationAction, null);
  return (
    <form action={action}>
      {state && !state.ok && (
        <div className="alert error" role="alert">
          {state.error}
        </div>
      )}
      <Field label="Organization name" name="name" required errors={state && !state.ok ? state.fieldErrors?.name : undefined} />
      <button className="button" type="submit" disabled={pending}>
        Create organization
      </button>
    </form>
  );
}
