"use client";
// The organization's time zone, which reports count days in (owners and admins).
import { useActionState } from "react";
import { ActionMessage } from "@/app/_components/ActionMessage";
import { Field } from "@/app/_components/Field";
import type { ActionState } from "@/lib/actions/action";
import { setReportTimeZoneAction } from "../actions";

export function TimeZoneForm({ timeZone }: { timeZone: string }) {
  const [state, submit, pending] = useActionState<ActionState, FormData>(setReportTimeZoneAction, null);
  const fieldErrors = state && !state.ok ? state.fieldErrors?.timeZone : undefined;
  return (
    <form action={submit} className="report-time-zone">
      {!fieldErrors && <ActionMessage state={state} />}
      <Field label="Time zone" name="timeZone" type="text" defaultValue={timeZone} hint="An IANA name, e.g. Europe/Paris." errors={fieldErrors} />
      <button type="submit" className="button secondary" disabled={pending}>
        Save time zone
      </button>
    </form>
  );
}
