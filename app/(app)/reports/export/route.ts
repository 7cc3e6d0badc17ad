// GET /reports/export — the report the page shows (same period, same scope) as CSV, streamed line by line.
import { requireMember } from "@/lib/auth/require-member";
import { route } from "@/lib/http/route-handler";
import { reportCsv, reportFor, reportPeriodSchema } from "@/lib/reports";
import { parseInput } from "@/lib/validation";

export const dynamic = "force-dynamic";

export const GET = route("reports-export", async (request) => {
  const member = await requireMember();
  const input = parseInput(reportPeriodSchema, Object.fromEntries(new URL(request.url).searchParams), "query");
  const report = await reportFor(member, input);
  const lines = reportCsv(report);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = lines.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  const name = `sunbridge-report-${report.period.from}-to-${report.period.days.at(-1) ?? report.period.from}.csv`;
  return new Response(body, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${name}"`, "cache-control": "no-store" },
  });
});
