"use client";
// Creates an API key and shows its secret once, with a copy button: after this form, nobody can see it again.
import { ActionMessage } from "@/app/_components/ActionMessage";
import { Field } from "@/app/_components/Field";
import { useFormAction } from "@/app/_components/use-form-action";
import { ShownOnce } from "@/app/_components/ShownOnce";
import { createApiKeyAction } from "./actions";

const SCOPES = [
  { value: "read", label: "read", hint: "connections, conversations and threads" },
  { value: "send", label: "send", hint: "messages, notes, typing, read marks, assignment and status" },
  { value: "manage", label: "manage", hint: "connections' externalId and display name, event endpoints" },
];

export function CreateApiKey() {
  const { state, fieldErrors: errors, pending, formProps } = useFormAction(createApiKeyAction);
  return (
    <>
      {state?.ok && (
        <ShownOnce value={state.data.key} label={`The API key ${state.data.name}`}>
          <strong>{state.data.name}</strong> — copy the key now: Sunbridge keeps only its hash and shows it this once.
        </ShownOnce>
      )}
      {state && !state.ok && <ActionMessage state={state} />}
      <form {...formProps}>
        <Field id="api-key-name" label="Name" name="name" maxLength={100} required errors={errors.name} hint="What uses it, e.g. Billing backend." />
        <fieldset className="field">
          <legend>Scopes</legend>
          {SCOPES.map((scope) => (
            <label key={scope.value} className="checkbox">
              <input type="checkbox" name="scopes" value={scope.value} defaultChecked={scope.value === "read"} />
              <span>
                <strong>{scope.label}</strong> <span className="muted">— {scope.hint}</span>
              </span>
            </label>
          ))}
          {errors.scopes && (
            <span className="error" role="alert">
              {errors.scopes.join(" ")}
            </span>
          )}
        </fieldset>
        <Field id="api-key-expires" label="Expires (optional)" name="expiresAt" type="date" errors={errors.expiresAt} />
        <button type="submit" className="button" disabled={pending}>
          Create API key
        </button>
      </form>
    </>
  );
}
