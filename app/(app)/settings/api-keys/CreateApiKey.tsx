"use client";
// Creates an API key and shows its secret once, with a copy button: after this form, nobody can see it again.
import { useActionState, useEffect, useRef } from "react";
import type { ActionResult } from "@/lib/actions/action";
import { Field } from "@/app/_components/Field";
import { ShownOnce } from "@/app/_components/ShownOnce";
import { createApiKeyAction } from "./actions";

type Created = ActionResult<{ key: string; name: string; prefix: string }> | null;

const SCOPES = [
  { value: "read", label: "read", hint: "connections, conversations and threads" },
  { value: "send", label: "send", hint: "messages, notes, typing, read marks, assignment and status" },
  { value: "manage", label: "manage", hint: "connections' externalId and display name, event endpoints" },
];

export function CreateApiKey() {
  const [state, submit, pending] = useActionState<Created, FormData>(createApiKeyAction, null);
  const form = useRef<HTMLFormElement>(null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  useEffect(() => {
    if (state?.ok) form.current?.reset();
  }, [state]);
  return (
    <>
      {state?.ok && (
        <ShownOnce value={state.data.key} label={`The API key ${state.data.name}`}>
          <strong>{state.data.name}</strong> — copy the key now: Sunbridge keeps only its hash and shows it this once.
        </ShownOnce>
      )}
      {state && !state.ok && (
        <div className="alert error" role="alert">
          {state.error}
        </div>
      )}
      <form action={submit} ref={form}>
        <Field id="api-key-name" label="Name" name="name" maxLength={100} required errors={errors?.name} hint="What uses it, e.g. Billing backend." />
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
          {errors?.scopes && (
            <span className="error" role="alert">
              {errors.scopes.join(" ")}
            </span>
          )}
        </fieldset>
        <Field id="api-key-expires" label="Expires (optional)" name="expiresAt" type="date" errors={errors?.expiresAt} />
        <button type="submit" className="button" disabled={pending}>
          Create API key
        </button>
      </form>
    </>
  );
}
