"use client";
// Resending from the delivery log: one delivery, or every failed one created in a time range.
import { useActionState } from "react";
import { ActionButton } from "@/app/_components/ActionButton";
import type { ActionState } from "@/lib/actions/action";
import { resendDeliveryAction, resendFailedAction } from "../actions";

export function ResendButton({ endpointId, deliveryId, eventType, sequence }: { endpointId: string; deliveryId: string; eventType: string; sequence: string }) {
  return <ActionButton label="Resend" ariaLabel={`Resend ${eventType} #${sequence}`} action={() => resendDeliveryAction({ endpointId, deliveryId })} />;
}

/** Local times in the browser; the server gets them as ISO instants. */
export function ResendFailedForm({ endpointId }: { endpointId: string }) {
  const [state, submit, pending] = useActionState<ActionState<{ resent: number }>, FormData>(
    (previous: ActionState<{ resent: number }>, form: FormData) => {
      const instant = (name: string) => {
        const value = String(form.get(name) ?? "");
        return value ? new Date(value).toISOString() : "";
      };
      const range = new FormData();
      range.set("from", instant("from"));
      range.set("to", instant("to"));
      return resendFailedAction(endpointId, previous, range);
    },
    null,
  );
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={submit} className="row">
      <label>
        From <input type="datetime-local" name="from" required style={{ maxWidth: "100%" }} aria-invalid={errors?.from ? true : undefined} />
      </label>
      <label>
        To <input type="datetime-local" name="to" required style={{ maxWidth: "100%" }} aria-invalid={errors?.to ? true : undefined} />
      </label>
      <button type="submit" className="button secondary" disabled={pending}>
        Resend failed
      </button>
      {state && (
        <span className={state.ok ? "muted" : "error"} role={state.ok ? "status" : "alert"}>
          {state.ok ? `${state.data.resent} sent again.` : [state.error, ...Object.values(errors ?? {}).flat()].join(" ")}
        </span>
      )}
    </form>
  );
}
