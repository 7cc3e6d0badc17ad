// A report as CSV, one line per row of each breakdown, streamed; cells a spreadsheet would run as a formula are
// defused (OWASP's CSV injection advice: a leading quote, the cell quoted).
import type { Dimension, Figures, Report } from "./figures";

/** One cell: a number as is, text quoted when it must be, and text a spreadsheet would evaluate made inert. */
export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(Math.round(value * 1000) / 1000) : "";
  const inert = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n']/.test(inert) ? `"${inert.replaceAll('"', '""')}"` : inert;
}

const HEADER = [
  "breakdown",
  "key",
  "name",
  "opened",
  "responded",
  "first_response_median_seconds",
  "first_response_p90_seconds",
  "resolved",
  "resolution_median_seconds",
  "resolution_p90_seconds",
  "csat_count",
  "csat_average",
  "csat_satisfied_share",
];

function cells(figures: Figures): (number | null)[] {
  return [
    figures.opened,
    figures.responded,
    figures.firstResponse.median,
    figures.firstResponse.p90,
    figures.resolved,
    figures.resolution.median,
    figures.resolution.p90,
    figures.csat.count,
    figures.csat.average,
    figures.csat.satisfiedShare,
  ];
}

const DIMENSIONS: Dimension[] = ["day", "connection", "team", "agent"];

/** The report's lines (header first, CRLF-terminated as RFC 4180 has them). */
export function* reportCsv(report: Report): Generator<string> {
  const line = (values: (string | number | null)[]) => `${values.map(csvCell).join(",")}\r\n`;
  yield line(HEADER);
  yield line(["total", `${report.period.from}..${report.period.days.at(-1) ?? report.period.from}`, report.period.timeZone, ...cells(report.total)]);
  for (const dimension of DIMENSIONS) for (const row of report.rows[dimension]) yield line([dimension, row.key, row.name, ...cells(row)]);
}
