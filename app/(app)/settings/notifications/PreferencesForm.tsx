"use client";
// Which notifications a member gets, and which ways.
import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/action";
import type { NotificationPreferences } from "@/lib/notifications/schemas";
import { ActionMessage } from "@/app/_components/ActionMessage";
import { saveNotificationPreferencesAction } from "./actions";

const KINDS = [
  ["assigned", "A conversation is assigned to me"],
  ["message", "An end user writes in a conversation assigned to me"],
  ["mention", "Someone mentions me in an internal note"],
] as const;

const CHANNELS = [
  ["browser", "Browser notification while a Sunbridge tab is open"],
  ["push", "Push notification when no tab is open (on devices where you turned it on)"],
  ["sound", "A sound"],
] as const;

export function PreferencesForm({ preferences }: { preferences: NotificationPreferences }) {
  const [state, submit, pending] = useActionState<ActionState, FormData>(saveNotificationPreferencesAction, null);
  return (
    <form action={submit}>
      <ActionMessage state={state} />
      <fieldset className="field">
        <legend>Notify me when</legend>
        {KINDS.map(([name, label]) => (
          <label key={name}>
            <input type="checkbox" name={name} defaultChecked={preferences[name]} /> {label}
          </label>
        ))}
      </fieldset>
      <fieldset className="field">
        <legend>How</legend>
        {CHANNELS.map(([name, label]) => (
          <label key={name}>
            <input type="checkbox" name={name} defaultChecked={preferences[name]} /> {label}
          </label>
        ))}
      </fieldset>
      <button type="submit" className="button" disabled={pending}>
        Save
      </button>
    </form>
  );
}
