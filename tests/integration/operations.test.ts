import { afterAll, describe, expect, it, vi } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { GET as metricsRoute } from "@/app/api/metrics/route";
import { GET as ready } from "@/app/api/ready/route";
import { installDatabase } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { stopJobs } from "@/lib/jobs";
import { createLogger, logger } from "@/lib/log";
import { metrics } from "@/lib/observability/metrics";
import { withTestDatabase } from "../support/database";
import { withOutage } from "../support/outage";

const database = withTestDatabase();
afterAll(async () => {
  await stopJobs();
  resetEnvForTests();
});

const noParams = { params: Promise.resolve({}) };
const get = (path: string, headers: Record<string, string> = {}) => new Request(`http://localhost${path}`, { headers });

describe("operations endpoints", () => {
  it("health answers without touching dependencies, with a request id", async () => {
    const response = await health(get("/api/health", { "x-request-id": "probe-12345678" }), noParams);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
    expect(response.headers.get("x-request-id")).toBe("probe-12345678");
  });

  it("ready reports the database and the job queue", async () => {
    const response = await ready(get("/api/ready"), noParams);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ status: "ready", checks: { database: { ok: true }, queue: { ok: true } } });
  });

  it("ready says only which dependency is unavailable; why goes to the log", async () => {
    const lines: string[] = [];
    vi.spyOn(logger(), "child").mockReturnValue(createLogger({ write: (line: string) => lines.push(line) }, "debug") as never);
    const outage = withOutage(database());
    installDatabase(outage.database);
    outage.down();
    try {
      const response = await ready(get("/api/ready"), noParams);
      expect(response.status).toBe(503);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({
        status: "unavailable",
        checks: { database: { ok: false, latencyMs: expect.any(Number) }, queue: { ok: false, latencyMs: expect.any(Number) } },
      });
      expect(text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|5432/);
      expect(lines.join("")).toContain("connect ECONNREFUSED 127.0.0.1:5432");
    } finally {
      installDatabase(database());
      vi.restoreAllMocks();
    }
  });

  it("metrics are Prometheus text for the configured token only", async () => {
    resetEnvForTests({ METRICS_TOKEN: undefined });
    expect((await metricsRoute(get("/api/metrics"), noParams)).status).toBe(404);

    resetEnvForTests({ METRICS_TOKEN: "scrape-token-0123456789" });
    expect((await metricsRoute(get("/api/metrics"), noParams)).status).toBe(401);
    expect((await metricsRoute(get("/api/metrics", { authorization: "Bearer wrong-token-012345678" }), noParams)).status).toBe(401);

    metrics().suncoCallDuration.observe({ operation: "PostMessage", outcome: "ok" }, 0.042);
    metrics().webhookEventsReceived.inc({ type: "conversation:message" });
    const response = await metricsRoute(get("/api/metrics", { authorization: "Bearer scrape-token-0123456789" }), noParams);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toContain('sunbridge_sunco_call_duration_seconds_bucket{le="0.05",operation="PostMessage",outcome="ok"} 1');
    expect(text).toContain('sunbridge_webhook_events_received_total{type="conversation:message"} 1');
    expect(text).toContain("sunbridge_process_resident_memory_bytes");
    expect(text).toContain("sunbridge_nodejs_eventloop_lag_p99_seconds");
  });
});
