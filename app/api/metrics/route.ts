import { timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { jsonError, route } from "@/lib/http/route-handler";
import { metrics } from "@/lib/observability/metrics";

export const dynamic = "force-dynamic";

function bearerMatches(header: string | null, token: string) {
  const presented = Buffer.from(header?.replace(/^Bearer\s+/i, "") ?? "");
  const expected = Buffer.from(token);
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

/** Prometheus text format, only for a scraper presenting METRICS_TOKEN; absent when no token is set. */
export const GET = route("metrics", async (request) => {
  const token = env().METRICS_TOKEN;
  if (!token) return jsonError(404, "not_found", "Metrics are disabled: set METRICS_TOKEN to enable them.");
  if (!bearerMatches(request.headers.get("authorization"), token)) {
    const response = jsonError(401, "unauthenticated", "Present the metrics token as a Bearer token.");
    response.headers.set("www-authenticate", 'Bearer realm="metrics"');
    return response;
  }
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType } });
});
