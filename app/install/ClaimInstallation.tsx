"use client";
// Choosing the organization an install begun in Zendesk joins.
import { useActionState } from "react";
import { ActionMessage } from "@/app/_components/ActionMessage";
import { claimInstallationAction } from "./actions";

export function ClaimInstallation({ appName, organizations }: { appName: string; organizations: { id: string; name: string }[] }) {
  const [state, submit, pending] = useActionState(claimInstallationAction, null);
  return (
    <form action={submit}>
      {state && !state.ok && <ActionMessage state={state} />}
      <fieldset>
        <legend>Organization</legend>
        {organizations.map((organization, index) => (
          <label key={organization.id} style={{ display: "block" }}>
            <input type="radio" name="organizationId" value={organization.id} defaultChecked={index === 0} /> {organization.name}
          </label>
        ))}
      </fieldset>
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Connecting…" : `Connect ${appName}`}
      </button>
    </form>
  );
}
