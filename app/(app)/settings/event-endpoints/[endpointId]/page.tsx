import type { Metadata } from "next";
import Link from "next/link";
import { TableHead } from "@/app/_components/TableHead";
import { Time } from "@/app/_components/Time";
import { memberForPage } from "@/lib/auth/require-member";
import { InvalidInputError } from "@/lib/errors";
import { deliveryFilterSchema, getEndpoint, listDeliveries, PARTNER_EVENT_TYPES } from "@/lib/partner-events";
import { parseInput } from "@/lib/validation";
import { ResendButton, ResendFailedForm } from "./ResendControls";

export const metadata: Metadata = { title: "Delivery log" };

const single = (search: Record<string, string | string[] | undefined>) =>
  Object.fromEntries(Object.entries(search).map(([key, value]) => [key, (Array.isArray(value) ? value[0] : value) || undefined]));

const STATE_BADGE: Record<string, string> = { succeeded: "success", failed: "danger", pending: "warning" };

export default async function DeliveryLogPage({ params, searchParams }: PageProps<"/settings/event-endpoints/[endpointId]">) {
  const { endpointId } = await params;
  const member = await memberForPage("admin", `/settings/event-endpoints/${endpointId}`);
  const filters = single(await searchParams) as Record<string, string | undefined>;
  const endpoint = await getEndpoint(member, parseInput(deliveryFilterSchema.shape.endpointId, endpointId, "endpointId"));
  let page: Awaited<ReturnType<typeof listDeliveries>> | null = null;
  let problem: string | null = null;
  try {
    page = await listDeliveries(member, parseInput(deliveryFilterSchema, { ...filters, endpointId }));
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    problem = Object.values(error.fieldErrors).flat().join(" ") || error.message;
  }
  const next = page?.next ? new URLSearchParams({ ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)), before: page.next }) : null;
  return (
    <div className="stack">
      <header className="page-header">
        <p>
          <Link href="/settings/event-endpoints">← Event endpoints</Link>
        </p>
        <h1>Delivery log</h1>
        <p className="mono" style={{ wordBreak: "break-all" }}>{endpoint.url}</p>
        {!endpoint.enabled && <p className="alert error">Disabled: {endpoint.disabledReason}</p>}
      </header>
      <form className="card row" method="get" aria-label="Filter the delivery log">
        <label>
          State
          <select name="state" defaultValue={filters.state ?? ""}>
            <option value="">Any</option>
            <option value="pending">Pending</option>
            <option value="succeeded">Succeeded</option>
            <option value="failed">Failed</option>
          </select>
        </label>
        <label>
          Event type
          <select name="eventType" defaultValue={filters.eventType ?? ""}>
            <option value="">Any</option>
            {PARTNER_EVENT_TYPES.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button secondary">
          Filter
        </button>
      </form>
      <section className="card" aria-labelledby="resend-failed-heading">
        <h2 id="resend-failed-heading">Resend failed deliveries</h2>
        <ResendFailedForm endpointId={endpoint.id} />
      </section>
      {problem && (
        <p className="alert error" role="alert">
          {problem}
        </p>
      )}
      {page && page.deliveries.length === 0 && <p className="muted">No deliveries{filters.state || filters.eventType ? " match these filters" : " yet"}.</p>}
      {page && page.deliveries.length > 0 && (
        <div className="card" style={{ overflowX: "auto" }}>
          <table className="table">
            <TableHead columns={["Event", "State", "Attempts", "Answer", "Created"]} />
            <tbody>
              {page.deliveries.map((delivery) => (
                <tr key={delivery.id}>
                  <td>
                    <code>{delivery.eventType}</code>
                    <div className="muted">#{delivery.sequence}</div>
                  </td>
                  <td>
                    <span className={`badge ${STATE_BADGE[delivery.state] ?? ""}`}>{delivery.state}</span>
                    {delivery.state === "pending" && delivery.attempts > 0 && <div className="muted">next <Time value={delivery.nextAttemptAt} /></div>}
                  </td>
                  <td>{delivery.attempts}</td>
                  <td>
                    {delivery.responseStatus ?? "—"}
                    {delivery.latencyMs !== null && <span className="muted"> · {delivery.latencyMs} ms</span>}
                    {delivery.lastError && <div className="muted">{delivery.lastError}</div>}
                    <details>
                      <summary>Request and answer</summary>
                      <pre style={{ whiteSpace: "pre-wrap", wordBreak: "break-all" }}>{delivery.requestBody}</pre>
                      {delivery.responseExcerpt && <pre style={{ whiteSpace: "pre-wrap", wordBreak: "break-all" }}>{delivery.responseExcerpt}</pre>}
                    </details>
                  </td>
                  <td>
                    <Time value={delivery.createdAt} />
                  </td>
                  <td>{delivery.state !== "pending" && endpoint.enabled && <ResendButton endpointId={endpoint.id} deliveryId={delivery.id} eventType={delivery.eventType} sequence={delivery.sequence} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {next && (
            <p>
              <Link href={`/settings/event-endpoints/${endpoint.id}?${next.toString()}`}>Older deliveries →</Link>
            </p>
          )}
        </div>
      )}
    </div>
  );
}
