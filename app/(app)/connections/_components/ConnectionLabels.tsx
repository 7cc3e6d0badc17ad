"use client";
// The partner's labels of a connection: its own id for the tenant (what /api/v1 filters by) and a display name.
import { ActionMessage } from "@/app/_components/ActionMessage";
import { Field } from "@/app/_components/Field";
import { useFormAction } from "@/app/_components/use-form-action";
import { labelConnectionAction } from "../actions";

const LABELS = [
  { name: "externalId", id: "external-id", label: "External id", hint: "Your product's id for this tenant; the API finds connections by it." },
  { name: "displayName", id: "display-name", label: "Display name", hint: "Shown instead of the app's name." },
] as const;

export function ConnectionLabels({ connectionId, externalId, displayName }: { connectionId: string; externalId: string | null; displayName: string | null }) {
  const { state, fieldErrors, pending, formProps } = useFormAction(labelConnectionAction);
  const values = { externalId, displayName };
  return (
    <details>
      <summary>Partner labels</summary>
      <form {...formProps}>
        <ActionMessage state={state} />
        <input type="hidden" name="connectionId" value={connectionId} />
        {LABELS.map((field) => (
          <Field
            key={field.name}
            id={`${field.id}-${connectionId}`}
            label={field.label}
            name={field.name}
            defaultValue={values[field.name] ?? ""}
            maxLength={200}
            hint={field.hint}
            errors={fieldErrors[field.name]}
          />
        ))}
        <button type="submit" className="button secondary" disabled={pending}>
          Save labels
        </button>
      </form>
    </details>
  );
}
