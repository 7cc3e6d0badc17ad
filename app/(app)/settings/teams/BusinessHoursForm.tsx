"use client";
// A team's business hours: a time zone and, per weekday, when it opens and closes (both empty: closed that day).
import { useActionState } from "react";
import { ActionMessage } from "@/app/_components/ActionMessage";
import type { ActionState } from "@/lib/actions/action";
import type { BusinessHours } from "@/lib/reports/schemas";
import { WEEKDAYS } from "@/lib/reports/schemas";
import { setTeamBusinessHoursAction } from "./actions";

export function BusinessHoursForm({ teamId, teamName, hours }: { teamId: string; teamName: string; hours: BusinessHours | null }) {
  const [state, submit, pending] = useActionState<ActionState, FormData>(setTeamBusinessHoursAction.bind(null, teamId), null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const id = `hours-${teamId}`;
  const dayOf = (day: number) => hours?.days.find((d) => d.day === day);
  return (
    <form action={submit} className="business-hours" aria-label={`Business hours of ${teamName}`}>
      <p className="muted">Reports count first response and resolution times only inside these hours. Leave every day empty to count all hours.</p>
      <div className="field">
        <label htmlFor={`${id}-tz`}>Time zone</label>
        <input id={`${id}-tz`} name="timeZone" type="text" defaultValue={hours?.timeZone ?? "UTC"} aria-invalid={errors.timeZone ? true : undefined} />
        {errors.timeZone && <span className="error" role="alert">{errors.timeZone.join(" ")}</span>}
      </div>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Opens</th>
            <th scope="col">Closes</th>
          </tr>
        </thead>
        <tbody>
          {WEEKDAYS.map((name, index) => {
            const day = index + 1;
            const fieldError = [...(errors[`from${day}`] ?? []), ...(errors[`to${day}`] ?? [])];
            return (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td>
                  <input type="time" name={`from${day}`} aria-label={`${name} opens`} defaultValue={dayOf(day)?.from ?? ""} />
                </td>
                <td>
                  <input type="time" name={`to${day}`} aria-label={`${name} closes`} defaultValue={dayOf(day)?.to ?? ""} />
                  {fieldError.length > 0 && <span className="error" role="alert">{fieldError.join(" ")}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="submit" className="button secondary" disabled={pending}>
        Set business hours
      </button>
      {!Object.keys(errors).length && <ActionMessage state={state} />}
    </form>
  );
}
