"use client";
// The origins a connect link's success page may send its visitor back to, one per line.
import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/action";
import { ActionMessage } from "@/app/_components/ActionMessage";
import { setReturnOriginsAction } from "./actions";

export function ReturnOriginsForm({ origins }: { origins: string[] }) {
  const [state, submit, pending] = useActionState<ActionState, FormData>(setReturnOriginsAction, null);
  const errors = state && !state.ok ? state.fieldErrors?.origins : undefined;
  return (
    <form action={submit}>
      <ActionMessage state={state} />
      <div className="field">
        <label htmlFor="return-origins">Allowed return origins</label>
        <textarea
          id="return-origins"
          name="origins"
          rows={5}
          defaultValue={origins.join("\n")}
          aria-describedby="return-origins-hint"
          aria-invalid={errors ? true : undefined}
        />
        <span className="hint" id="return-origins-hint">
          One per line, such as https://app.example.com (https; http only for localhost). A link&apos;s return URL must start with one of them.
        </span>
        {errors && (
          <span className="error" role="alert">
            {errors.join(" ")}
          </span>
        )}
      </div>
      <button type="submit" className="button" disabled={pending}>
        Save
      </button>
    </form>
  );
}
