"use client";
// The partner's labels of a connection: its own id for the tenant (what /api/v1 filters by) and a display name.
import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/action";
import { Field } from "@/app/_components/Field";
import { labelConnectionAction } from "../actions";
import { ActionMessage } from "@/app/_components/ActionMessage";

export function ConnectionLabels({ connectionId, externalId, displayName }: { connectionId: string; externalId: string | null; displayName: string | null }) {
  const [state, submit, pending] = useActionState<ActionState, FormData>(labelConnectionAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <details>
      <summary>Partner labels</summary>
      <form action={submit}>
        <ActionMessage state={state} />
        <input type="hidden" name="connectionId" value={connectionId} />
        <Field
          id={`external-id-${connectionId}`}
          label="External id"
          name="externalId"
          defaultValue={externalId ?? ""}
          maxLength={200}
          hint="Your product's id for this tenant; the API finds connections by it."
          errors={errors?.externalId}
        />
        <Field
          id={`display-name-${connectionId}`}
          label="Display name"
          name="displayName"
          defaultValue={displayName ?? ""}
          maxLength={200}
          hint="Shown instead of the app's name."
          errors={errors?.displayName}
        />
        <button type="submit" className="button secondary" disabled={pending}>
          Save labels
        </button>
      </form>
    </details>
  );
}
