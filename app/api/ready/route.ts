import { route } from "@/lib/http/route-handler";
import { checkReadiness } from "@/lib/observability/readiness";

export const dynamic = "force-dynamic";

/** Readiness: 200 when the database and the job queue answer, 503 (with which one failed) otherwise. */
export const GET = route("ready", async () => {
  const report = await checkReadiness();
  return Response.json({ status: report.ready ? "ready" : "unavailable", checks: report.checks }, { status: report.ready ? 200 : 503 });
});
