"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { Time } from "@/app/_components/Time";
import type { ConnectionRow } from "@/lib/connections";
import { disconnectConnectionAction, testConnectionAction } from "../actions";
import { ConnectionLabels } from "./ConnectionLabels";
import { ConnectZendeskButton } from "./ConnectZendeskButton";

const STATE_LABELS: Record<ConnectionRow["state"], { label: string; tone: string }> = {
  active: { label: "Active", tone: "success" },
  needs_reauth: { label: "Needs reconnecting", tone: "warning" },
  revoked: { label: "Disconnected", tone: "" },
  error: { label: "Error", tone: "danger" },
};

const AUTH_LABELS: Record<ConnectionRow["authType"], string> = {
  oauth: "OAuth",
  api_key_basic: "API key (Basic)",
  api_key_jwt: "API key (JWT)",
};

function when(value: Date | string | null) {
  return value ? <Time value={value} /> : "never";
}

export function ConnectionCard({ connection }: { connection: ConnectionRow }) {
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ tone: string; text: string } | null>(null);
  const state = STATE_LABELS[connection.state];
  const where = connection.subdomain ? `${connection.subdomain}.zendesk.com` : `${connection.region?.toUpperCase() ?? "?"} region`;

  const run = (work: () => Promise<{ ok: boolean; error?: string; message?: string; data?: unknown }>) =>
    start(async () => {
      const result = await work();
      if (!result.ok) setMessage({ tone: "error", text: result.error ?? "Failed." });
      else {
        const data = result.data as { ok?: boolean; message?: string } | undefined;
        setMessage({ tone: data?.ok === false ? "error" : "success", text: data?.message ?? result.message ?? "Done." });
      }
    });

  return (
    <article className="card" aria-labelledby={`connection-${connection.id}`} data-connection-id={connection.id}>
      <div className="spread">
        <div>
          <h2 id={`connection-${connection.id}`} style={{ marginBottom: "0.25rem" }}>
            {connection.displayName ?? connection.appName}
          </h2>
          <p className="muted" style={{ margin: 0 }}>
            {connection.displayName && <>{connection.appName} · </>}
            {where} · {AUTH_LABELS[connection.authType]} · app <code>{connection.appId}</code>
            {connection.externalId && (
              <>
                {" "}
                · external id <code>{connection.externalId}</code>
              </>
            )}
          </p>
        </div>
        <span className={`badge ${state.tone}`} data-testid="connection-state">
          {state.label}
        </span>
      </div>
      {connection.stateReason && connection.state !== "active" && (
        <p className={`alert ${connection.state === "revoked" ? "info" : "warning"}`} style={{ marginTop: "0.75rem" }}>
          {connection.stateReason} <span className="muted">(since {when(connection.stateChangedAt)})</span>
        </p>
      )}
      <dl className="row" style={{ gap: "1.5rem", margin: "0.75rem 0" }}>
        <div>
          <dt className="muted">Connected by</dt>
          <dd style={{ margin: 0 }}>{connection.connectedBy ?? "—"}</dd>
        </div>
        <div>
          <dt className="muted">Last event</dt>
          <dd style={{ margin: 0 }}>{when(connection.lastEventAt)}</dd>
        </div>
        <div>
          <dt className="muted">Last checked</dt>
          <dd style={{ margin: 0 }}>{when(connection.lastCheckedAt)}</dd>
        </div>
        {connection.apiKeyId && (
          <div>
            <dt className="muted">Key</dt>
            <dd style={{ margin: 0 }}>
              <code>{connection.apiKeyId}</code> · secret ••••••••
            </dd>
          </div>
        )}
      </dl>
      <ConnectionLabels connectionId={connection.id} externalId={connection.externalId} displayName={connection.displayName} />
      {message && (
        <div className={`alert ${message.tone}`} role={message.tone === "error" ? "alert" : "status"}>
          {message.text}
        </div>
      )}
      <div className="row">
        <Link className="button secondary" href={`/connections/${connection.id}/events`}>
          Webhook events
        </Link>
        {connection.state !== "revoked" && (
          <Link className="button" href={`/connections/${connection.id}/webhooks`} aria-label={`Manage ${connection.appName}: webhooks, integrations, switchboard, app`}>
            Manage
          </Link>
        )}
        {connection.state !== "revoked" && (
          <button type="button" className="button secondary" disabled={pending} onClick={() => run(() => testConnectionAction(connection.id))}>
            Test connection
          </button>
        )}
        {connection.authType === "oauth" && connection.state !== "active" && <ConnectZendeskButton label="Reconnect" />}
        {connection.state !== "revoked" && (
          <button
            type="button"
            className="button danger"
            disabled={pending}
            onClick={() => {
              if (window.confirm(`Disconnect ${connection.appName}? Sunbridge stops receiving its conversations; the history stays readable.`)) {
                run(() => disconnectConnectionAction(connection.id));
              }
            }}
          >
            Disconnect
          </button>
        )}
      </div>
    </article>
  );
}
