import { route } from "@/lib/http/route-handler";
import { checkReadiness } from "@/lib/observability/readiness";

export const dynamic = "force-dynamic";

/**
 * Readiness: 200 when the database and the job queue answer, 503 (saying which one is unavailable) otherwise. Anyone
 * may ask, so why a check failed (hosts, users, driver messages) goes to the log only.
 */
export const GET = route("ready", async (_request, { log }) => {
  const report = await checkReadiness();
  const checks = Object.fromEntries(Object.entries(report.checks).map(([name, { ok, latencyMs }]) => [name, { ok, latencyMs }]));
  if (!report.ready) log.warn({ checks: report.checks }, "not ready");
  return Response.json({ status: report.ready ? "ready" : "unavailable", checks }, { status: report.ready ? 200 : 503 });
});
