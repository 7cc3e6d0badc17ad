"use client";

import { useState } from "react";
import { ActionMessage } from "@/app/_components/ActionMessage";
import type { ActionState } from "@/lib/actions/action";
import { Field } from "@/app/_components/Field";
import { useFormAction } from "@/app/_components/use-form-action";
import { connectApiKeyAction } from "../actions";
import { AddToSwitchboard } from "./AddToSwitchboard";

type Connected = { appName: string; connectionId?: string; offerSwitchboard?: boolean };
type ConnectAction = (state: ActionState<Connected>, form: FormData) => Promise<ActionState<Connected>>;

/** The Connections page's form; a connect link's page gives its own action (bound to the link). */
export function ApiKeyConnectForm({ action = connectApiKeyAction }: { action?: ConnectAction }) {
  const { state, fieldErrors: errors, pending, formProps } = useFormAction(action, ["secret"]);
  const [location, setLocation] = useState("subdomain");
  return (
    <>
      {/* Outside the key form: a form may not hold another. */}
      {state?.ok && state.data.offerSwitchboard && state.data.connectionId && <AddToSwitchboard connectionId={state.data.connectionId} />}
      <form {...formProps} style={{ maxWidth: 520 }}>
        {state?.ok ? (
          <div className="alert success" role="status">
            Connected {state.data.appName}.
          </div>
        ) : (
          <ActionMessage state={state} />
        )}
        <Field label="App ID" name="appId" required errors={errors.appId} hint="24 characters, shown next to the key in Admin Center." />
        <Field label="Key ID" name="keyId" required placeholder="app_…" errors={errors.keyId} />
        <Field label="Secret" name="secret" type="password" autoComplete="off" required errors={errors.secret} />
        <div className="field">
          <label htmlFor="scheme">Authentication</label>
          <select id="scheme" name="scheme" defaultValue="basic">
            <option value="basic">Basic (key id and secret on every call)</option>
            <option value="jwt">JWT (short-lived tokens signed with the secret)</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="location">Account</label>
          <select id="location" name="location" value={location} onChange={(event) => setLocation(event.currentTarget.value)}>
            <option value="subdomain">Zendesk account (subdomain.zendesk.com)</option>
            <option value="us">Legacy Sunshine Conversations, US region</option>
            <option value="eu">Legacy Sunshine Conversations, EU region</option>
          </select>
        </div>
        {location === "subdomain" && <Field label="Zendesk subdomain" name="subdomain" placeholder="acme" errors={errors.subdomain} />}
        <button className="button" type="submit" disabled={pending}>
          {pending ? "Checking the key with SunCo…" : "Connect with API key"}
        </button>
      </form>
    </>
  );
}
