// A breakdown of the report as a table: every figure of each row (a day, a connection, a team or an agent).
import { TableHead } from "@/app/_components/TableHead";
import type { ReportRow } from "@/lib/reports";
import { formatAverage, formatDuration, formatShare } from "./format";

const COLUMNS = ["Opened", "First response (median)", "First response (p90)", "Resolved", "Resolution (median)", "Resolution (p90)", "CSAT", "CSAT 4–5"];

export function FiguresTable({ caption, heading, rows }: { caption: string; heading: string; rows: ReportRow[] }) {
  return (
    <div className="report-table" role="region" aria-label={caption} tabIndex={0}>
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <TableHead columns={[heading, ...COLUMNS]} actions={false} />
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={COLUMNS.length + 1} className="muted">
                Nothing in this period.
              </td>
            </tr>
          )}
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.name}</th>
              <td>{row.opened}</td>
              <td>{formatDuration(row.firstResponse.median)}</td>
              <td>{formatDuration(row.firstResponse.p90)}</td>
              <td>{row.resolved}</td>
              <td>{formatDuration(row.resolution.median)}</td>
              <td>{formatDuration(row.resolution.p90)}</td>
              <td>{row.csat.count === 0 ? "—" : `${formatAverage(row.csat.average)} (${row.csat.count})`}</td>
              <td>{formatShare(row.csat.satisfiedShare)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
