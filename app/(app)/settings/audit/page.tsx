import type { Metadata } from "next";
import Link from "next/link";
import { listAuditEvents } from "@/lib/audit/query";
import { memberForPage } from "@/lib/auth/require-member";
import { InvalidInputError } from "@/lib/errors";
import { TableHead } from "@/app/_components/TableHead";
import { Time } from "@/app/_components/Time";

export const metadata: Metadata = { title: "Audit log" };

type Search = Record<string, string | string[] | undefined>;

const single = (search: Search) =>
  Object.fromEntries(Object.entries(search).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));

function queryString(filters: Record<string, string | undefined>, overrides: Record<string, string | undefined> = {}) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...overrides })) if (value) params.set(key, value);
  return params.toString();
}

/** One free-text filter of the form: its label, and the value the page was asked for. */
function TextFilter({ label, name, value, placeholder }: { label: string; name: string; value?: string; placeholder?: string }) {
  return (
    <label>
      {label} <input type="text" name={name} defaultValue={value} placeholder={placeholder} />
    </label>
  );
}

export default async function AuditPage({ searchParams }: PageProps<"/settings/audit">) {
  const member = await memberForPage("admin", "/settings/audit");
  const filters = single(await searchParams) as Record<string, string | undefined>;
  let result: Awaited<ReturnType<typeof listAuditEvents>> | null = null;
  let problem: string | null = null;
  try {
    result = await listAuditEvents(member, filters);
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    problem = Object.values(error.fieldErrors).flat().join(" ");
  }
  const withoutCursor = { ...filters, before: undefined };
  return (
    <div className="stack">
      <header className="page-header spread">
        <div>
          <h1>Audit log</h1>
          <p>Every change made in {member.organization.name}, by whom, and whether it worked. Secrets are masked.</p>
        </div>
        <a className="button secondary" href={`/api/audit/export?${queryString(withoutCursor)}`}>
          Export CSV
        </a>
      </header>
      <form className="card row" method="get" aria-label="Filter the audit log">
        <TextFilter label="Action" name="action" value={filters.action} placeholder="e.g. connection." />
        <TextFilter label="Who" name="actor" value={filters.actor} placeholder="name or email" />
        <TextFilter label="Connection" name="connectionId" value={filters.connectionId} />
        <label>
          Result
          <select name="result" defaultValue={filters.result ?? ""}>
            <option value="">Any</option>
            <option value="success">Success</option>
            <option value="failure">Failure</option>
          </select>
        </label>
        <TextFilter label="From" name="from" value={filters.from} placeholder="2026-11-01" />
        <TextFilter label="To" name="to" value={filters.to} placeholder="2026-11-30" />
        <button className="button" type="submit">
          Filter
        </button>
      </form>
      {problem && (
        <div className="alert error" role="alert">
          {problem}
        </div>
      )}
      {result && (
        <section className="card">
          {result.events.length === 0 ? (
            <p className="empty-state">Nothing recorded matches these filters.</p>
          ) : (
            <table className="table">
              <TableHead columns={["When", "Who", "Action", "Target", "Result", "Change"]} actions={false} />
              <tbody>
                {result.events.map((event) => (
                  <tr key={String(event.id)}>
                    <td>
                      <Time value={event.createdAt} />
                    </td>
                    <td>{event.actorLabel}</td>
                    <td>
                      <code>{event.action}</code>
                    </td>
                    <td>{event.target}</td>
                    <td>
                      {event.result === "success" ? (
                        <span className="badge success">success</span>
                      ) : (
                        <span className="badge danger" title={event.error ?? undefined}>
                          failure
                        </span>
                      )}
                      {event.error && <div className="muted">{event.error}</div>}
                    </td>
                    <td>
                      {(event.before !== null || event.after !== null) && (
                        <details>
                          <summary>before / after</summary>
                          <pre>{JSON.stringify({ before: event.before, after: event.after }, null, 2)}</pre>
                        </details>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {result.nextCursor && (
            <p style={{ marginTop: "1rem" }}>
              <Link href={`/settings/audit?${queryString(filters, { before: result.nextCursor })}`}>Older entries →</Link>
            </p>
          )}
        </section>
      )}
    </div>
  );
}
