import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { memberForPage } from "@/lib/auth/require-member";
import { NotFoundError } from "@/lib/errors";
import { eventLogFilterSchema, listWebhookEvents, WEBHOOK_EVENT_STATES, type EventLogEntry } from "@/lib/webhooks";
import { WEBHOOK_TRIGGERS } from "@/lib/sunco/schemas";
import { ReplayButton } from "./_components/ReplayButton";
import { ReplayFailedForm } from "./_components/ReplayFailedForm";
import { TableHead } from "@/app/_components/TableHead";

export const metadata: Metadata = { title: "Webhook events" };

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const utc = (date: Date | null) => (date ? date.toISOString().replace("T", " ").replace("Z", " UTC") : "—");
/** What `<input type="datetime-local">` shows for a time, in UTC. */
const inputValue = (date: Date) => date.toISOString().slice(0, 16);

const STATE_BADGES: Record<string, string> = { processed: "success", failed: "danger", pending: "warning", ignored: "" };

function latency(entry: EventLogEntry) {
  if (entry.latencyMs === null) return "—";
  return entry.latencyMs < 1000 ? `${entry.latencyMs} ms` : `${(entry.latencyMs / 1000).toFixed(1)} s`;
}

function FilterSelect({ name, label, options, value }: { name: string; label: string; options: readonly string[]; value?: string }) {
  return (
    <div className="field">
      <label htmlFor={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ""}>
        <option value="">Any {label.toLowerCase()}</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </div>
  );
}

export default async function WebhookEventsPage({
  params,
  searchParams,
}: {
  params: Promise<{ connectionId: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { connectionId } = await params;
  const here = `/connections/${connectionId}/events`;
  const member = await memberForPage("admin", here);
  const query = await searchParams;
  const raw = { type: first(query.type), state: first(query.state), from: first(query.from), to: first(query.to), after: first(query.after) };
  const parsed = eventLogFilterSchema.safeParse(raw);
  const filter = parsed.success ? parsed.data : {};
  const log = await listWebhookEvents(member, connectionId, filter).catch((error) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const now = new Date();
  const nextPage = log.next && `${here}?${new URLSearchParams({ ...Object.fromEntries(Object.entries(raw).filter(([, v]) => v)), after: log.next })}`;

  return (
    <div className="stack">
      {/* The connection's layout already names the app and links back to Connections. */}
      <header>
        <h2>Webhook events</h2>
        <p className="muted">What SunCo delivered, and what became of it. Times are UTC.</p>
      </header>

      <section className="card" aria-labelledby="filters-heading">
        <h2 id="filters-heading">Filter</h2>
        {!parsed.success && (
          <div className="alert error" role="alert">
            {parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("; ")}
          </div>
        )}
        <form method="get" className="row" style={{ alignItems: "flex-end" }}>
          <FilterSelect name="type" label="Type" options={WEBHOOK_TRIGGERS} value={raw.type} />
          <FilterSelect name="state" label="State" options={WEBHOOK_EVENT_STATES} value={raw.state} />
          <div className="field">
            <label htmlFor="filter-from">Received from</label>
            <input id="filter-from" name="from" type="datetime-local" defaultValue={raw.from ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="filter-to">to</label>
            <input id="filter-to" name="to" type="datetime-local" defaultValue={raw.to ?? ""} />
          </div>
          <div className="field">
            <button className="button secondary" type="submit">
              Apply
            </button>
          </div>
        </form>
      </section>

      <section className="card" aria-labelledby="events-heading">
        <h2 id="events-heading">Received events</h2>
        {log.entries.length === 0 ? (
          <p className="empty-state">No events match.</p>
        ) : (
          <table className="table">
            <TableHead columns={["Type", "Received", "State", "Latency", "Event"]} />
            <tbody>
              {log.entries.map((entry) => (
                <tr key={entry.id} data-testid="webhook-event">
                  <td>
                    <code>{entry.type}</code>
                  </td>
                  <td>
                    {utc(entry.receivedAt)}
                    {entry.occurredAt && <div className="muted">created {utc(entry.occurredAt)}</div>}
                  </td>
                  <td>
                    <span className={`badge ${STATE_BADGES[entry.state] ?? ""}`}>{entry.state}</span>
                    {entry.attempts > 1 && <div className="muted">{entry.attempts} attempts</div>}
                    {entry.error && <div style={{ color: "var(--danger)", maxWidth: "28rem" }}>{entry.error}</div>}
                  </td>
                  <td>{latency(entry)}</td>
                  <td>
                    <details>
                      <summary>
                        <code>{entry.suncoEventId}</code>
                      </summary>
                      {/* Focusable, so that keyboard users can scroll a wide event sideways. */}
                      <pre
                        tabIndex={0}
                        aria-label={`Event ${entry.suncoEventId} as received`}
                        style={{ maxWidth: "40rem", overflowX: "auto", background: "var(--surface-muted)", padding: "0.75rem", borderRadius: "var(--radius)" }}
                      >
                        {entry.raw}
                      </pre>
                    </details>
                  </td>
                  <td>
                    <ReplayButton connectionId={log.connection.id} eventId={entry.id} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {nextPage && (
          <p style={{ marginTop: "1rem" }}>
            <Link href={nextPage}>Older events</Link>
          </p>
        )}
      </section>

      <section className="card" aria-labelledby="replay-heading">
        <h2 id="replay-heading">Replay failed events</h2>
        <p className="muted">
          Processes every failed event received in the range again. Processing is idempotent: nothing is duplicated.
        </p>
        <ReplayFailedForm
          connectionId={log.connection.id}
          from={raw.from ?? inputValue(new Date(now.getTime() - 24 * 3600_000))}
          to={raw.to ?? inputValue(new Date(now.getTime() + 60_000))}
        />
      </section>
    </div>
  );
}
