import type { Metadata } from "next";
import Link from "next/link";
import { Time } from "@/app/_components/Time";
import { memberForPage } from "@/lib/auth/require-member";
import { listEndpoints, SUBSCRIBABLE_EVENT_TYPES } from "@/lib/partner-events";
import { EndpointActions } from "./EndpointActions";
import { EndpointForm } from "./EndpointForm";

export const metadata: Metadata = { title: "Event endpoints" };

export default async function EventEndpointsPage() {
  const member = await memberForPage("admin", "/settings/event-endpoints");
  const endpoints = await listEndpoints(member);
  return (
    <div className="stack">
      <header className="page-header">
        <h1>Event endpoints</h1>
        <p>
          Your backend&apos;s URLs that receive {member.organization.name}&apos;s events — messages, conversations, connections — signed as Standard
          Webhooks and retried for 24 hours. See the <Link href="/docs/api">API reference</Link> for each event&apos;s body.
        </p>
      </header>
      <section className="card" aria-labelledby="new-endpoint-heading">
        <h2 id="new-endpoint-heading">Add an endpoint</h2>
        <EndpointForm eventTypes={SUBSCRIBABLE_EVENT_TYPES} />
      </section>
      {endpoints.map((endpoint) => (
        <section key={endpoint.id} className="card" aria-label={endpoint.url}>
          <div className="spread">
            <h2 className="mono" style={{ wordBreak: "break-all" }}>{endpoint.url}</h2>
            <span className={`badge ${endpoint.enabled ? (endpoint.failingSince ? "warning" : "success") : "danger"}`}>
              {endpoint.enabled ? (endpoint.failingSince ? "Failing" : "Enabled") : "Disabled"}
            </span>
          </div>
          {endpoint.description && <p>{endpoint.description}</p>}
          {!endpoint.enabled && endpoint.disabledReason && (
            <p className="alert error" role="status">
              {endpoint.disabledReason}
            </p>
          )}
          {endpoint.enabled && endpoint.failingSince && (
            <p className="muted">Every delivery has failed since <Time value={endpoint.failingSince} />; after 24 hours of this the endpoint is disabled.</p>
          )}
          <p className="muted">
            {endpoint.eventTypes.length === 0 ? "Every event type" : endpoint.eventTypes.join(", ")}
            {endpoint.previousSecretExpiresAt && (
              <>
                {" · previous secret signs too until "}
                <Time value={endpoint.previousSecretExpiresAt} />
              </>
            )}
          </p>
          <EndpointActions id={endpoint.id} url={endpoint.url} enabled={endpoint.enabled} />
          <p>
            <Link href={`/settings/event-endpoints/${endpoint.id}`}>Delivery log</Link>
          </p>
          <details>
            <summary>Edit</summary>
            <EndpointForm endpoint={endpoint} eventTypes={SUBSCRIBABLE_EVENT_TYPES} />
          </details>
        </section>
      ))}
    </div>
  );
}
