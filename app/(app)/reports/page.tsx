import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { memberForPage, roleAtLeast } from "@/lib/auth/require-member";
import { ForbiddenError } from "@/lib/errors";
import { organizationSettings } from "@/lib/organizations/settings";
import { reportFor, reportPeriodSchema, type Report, type ReportPeriodInput } from "@/lib/reports";
import { FiguresTable } from "./_components/FiguresTable";
import { formatAverage, formatDuration, formatShare } from "./_components/format";
import { ReportChart } from "./_components/ReportChart";
import { TimeZoneForm } from "./_components/TimeZoneForm";
import "./reports.css";

export const metadata: Metadata = { title: "Reports" };

const COLORS = { opened: "#3767d6", resolved: "#1f8a5b", median: "#3767d6", p90: "#c2571a" };

/** The query string as the period form sends it: empty fields are absent. */
function periodInput(searchParams: Record<string, string | string[] | undefined>) {
  const value = (name: string) => {
    const raw = searchParams[name];
    const text = Array.isArray(raw) ? raw[0] : raw;
    return text ? text : undefined;
  };
  const parsed = reportPeriodSchema.safeParse({ days: value("days"), from: value("from"), to: value("to") });
  return parsed.success ? { input: parsed.data, error: null } : { input: {} as ReportPeriodInput, error: parsed.error.issues.map((issue) => `${issue.path.join(".") || "period"} ${issue.message}`).join("; ") };
}

function queryOf(input: ReportPeriodInput): string {
  const params = new URLSearchParams(Object.entries(input).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  return params.size > 0 ? `?${params}` : "";
}

export default async function ReportsPage({ searchParams }: PageProps<"/reports">) {
  const member = await memberForPage("agent", "/reports");
  const { input, error } = periodInput(await searchParams);
  let report: Report;
  try {
    report = await reportFor(member, input);
  } catch (caught) {
    if (caught instanceof ForbiddenError) forbidden();
    throw caught;
  }
  const isAdmin = roleAtLeast(member.role, "admin");
  const { timeZone } = await organizationSettings(member);
  const { total, rows, period } = report;
  const days = rows.day.map((row) => row.key);
  const lastDay = period.days.at(-1) ?? period.from;
  return (
    <div className="stack reports">
      <header className="page-header">
        <h1>Reports</h1>
        <p>
          {isAdmin ? "The whole organization" : "Your teams"}, {period.from} to {lastDay} ({period.timeZone}). Times count only business hours for teams that set
          them (Settings → Teams).
        </p>
      </header>

      <section className="card report-controls" aria-label="Period">
        <form method="get" className="report-period">
          <div className="field">
            <label htmlFor="report-days">Period</label>
            <select id="report-days" name="days" defaultValue={input.from ? "" : (input.days ?? "30")}>
              <option value="7">Last 7 days</option>
              <option value="30">Last 30 days</option>
              <option value="90">Last 90 days</option>
              <option value="">From–to below</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="report-from">From</label>
            <input id="report-from" name="from" type="date" defaultValue={input.from} />
          </div>
          <div className="field">
            <label htmlFor="report-to">To</label>
            <input id="report-to" name="to" type="date" defaultValue={input.to} />
          </div>
          <button type="submit" className="button">
            Show
          </button>
          <a className="button secondary" href={`/reports/export${queryOf(input)}`} download>
            Download CSV
          </a>
        </form>
        {error && (
          <div className="alert error" role="alert">
            Showing the last 30 days: {error}.
          </div>
        )}
        {isAdmin && <TimeZoneForm timeZone={timeZone} />}
      </section>

      <section aria-label="Totals" className="report-totals">
        <Total label="Opened" value={String(total.opened)} />
        <Total label="Resolved" value={String(total.resolved)} />
        <Total label="First response" value={formatDuration(total.firstResponse.median)} detail={`median · p90 ${formatDuration(total.firstResponse.p90)}`} />
        <Total label="Resolution" value={formatDuration(total.resolution.median)} detail={`median · p90 ${formatDuration(total.resolution.p90)}`} />
        <Total
          label="CSAT"
          value={formatAverage(total.csat.average)}
          detail={`${total.csat.count} ${total.csat.count === 1 ? "rating" : "ratings"} · ${formatShare(total.csat.satisfiedShare)} rated 4–5`}
        />
      </section>

      <section className="card" aria-labelledby="chart-volume">
        <h2 id="chart-volume">Conversations by day</h2>
        <ReportChart
          days={days}
          kind="bars"
          unit="count"
          series={[
            { label: "Opened", values: rows.day.map((row) => row.opened), color: COLORS.opened },
            { label: "Resolved", values: rows.day.map((row) => row.resolved), color: COLORS.resolved },
          ]}
        />
        <FiguresTable caption="Conversations by day" heading="Day" rows={rows.day} />
      </section>

      <DurationSection id="chart-first-response" title="First response time by day" countLabel="Answered" rows={rows.day.map((row) => ({ key: row.key, count: row.responded, ...row.firstResponse }))} />
      <DurationSection id="chart-resolution" title="Resolution time by day" countLabel="Resolved" rows={rows.day.map((row) => ({ key: row.key, count: row.resolved, ...row.resolution }))} />

      <section className="card" aria-labelledby="by-connection">
        <h2 id="by-connection">By connection</h2>
        <FiguresTable caption="By connection" heading="Connection" rows={rows.connection} />
      </section>
      <section className="card" aria-labelledby="by-team">
        <h2 id="by-team">By team</h2>
        <FiguresTable caption="By team" heading="Team" rows={rows.team} />
      </section>
      <section className="card" aria-labelledby="by-agent">
        <h2 id="by-agent">By agent</h2>
        <FiguresTable caption="By agent" heading="Agent" rows={rows.agent} />
      </section>
    </div>
  );
}

function Total({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div className="card report-total">
      <p className="report-total-label">{label}</p>
      <p className="report-total-value">{value}</p>
      {detail && <p className="muted report-total-detail">{detail}</p>}
    </div>
  );
}

interface DurationRow {
  key: string;
  count: number;
  median: number | null;
  p90: number | null;
}

/** A time metric by day: its median and p90 charted, and the table of both with how many conversations it measured. */
function DurationSection({ id, title, countLabel, rows }: { id: string; title: string; countLabel: string; rows: DurationRow[] }) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <ReportChart
        days={rows.map((row) => row.key)}
        kind="lines"
        unit="minutes"
        series={[
          { label: "Median", values: rows.map((row) => row.median), color: COLORS.median },
          { label: "p90", values: rows.map((row) => row.p90), color: COLORS.p90 },
        ]}
      />
      <div className="report-table" role="region" aria-label={title} tabIndex={0}>
        <table className="table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">{countLabel}</th>
              <th scope="col">Median</th>
              <th scope="col">p90</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.key}</th>
                <td>{row.count}</td>
                <td>{formatDuration(row.median)}</td>
                <td>{formatDuration(row.p90)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
