// Prometheus metrics of this process, exposed at /api/metrics. Every instance exposes its own; Prometheus
// sums them. Gauges that describe shared state (backlogs in the database) are measured at scrape time. Every label
// value comes from a set fixed in code: a value a request chooses would be a new time series per request.
import client from "prom-client";
import { processSingleton } from "@/lib/singletons";
import { WEBHOOK_TRIGGERS } from "@/lib/sunco/schemas";

const KNOWN_EVENT_TYPES: ReadonlySet<string> = new Set(WEBHOOK_TRIGGERS);

/** A webhook event type as a label: SunCo's triggers by name, any other (the sender chose it) as "other". */
export function eventTypeLabel(type: string): string {
  return KNOWN_EVENT_TYPES.has(type) ? type : "other";
}

function createMetrics() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "sunbridge_" });
  const counter = (name: string, help: string, labelNames: string[] = []) =>
    new client.Counter({ name, help, labelNames, registers: [registry] });
  const histogram = (name: string, help: string, labelNames: string[], buckets: number[]) =>
    new client.Histogram({ name, help, labelNames, buckets, registers: [registry] });

  return {
    registry,
    webhookEventsReceived: counter("sunbridge_webhook_events_received_total", "Webhook events stored (redeliveries excluded).", ["type"]),
    webhookEventsDuplicate: counter("sunbridge_webhook_events_duplicate_total", "Webhook events received again and ignored."),
    webhookEventsExpired: counter(
      "sunbridge_webhook_events_expired_total",
      "Webhook events refused for being older than the retention window (replays).",
    ),
    webhookEventsProcessed: counter("sunbridge_webhook_events_processed_total", "Webhook events applied to the read model.", ["type", "outcome"]),
    webhookEventsFailed: counter("sunbridge_webhook_events_failed_total", "Webhook events whose processing failed.", ["type"]),
    webhookRequests: counter("sunbridge_webhook_requests_total", "Webhook POSTs answered, by HTTP status.", ["status"]),
    webhookProcessingLag: histogram(
      "sunbridge_webhook_processing_lag_seconds",
      "From receiving a webhook event to having applied it.",
      [],
      [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    ),
    outboxSendFailures: counter("sunbridge_outbox_send_failures_total", "Outbox sends that failed, by error kind.", ["kind"]),
    outboxSent: counter("sunbridge_outbox_sent_total", "Outbox messages sent to SunCo."),
    suncoCallDuration: histogram(
      "sunbridge_sunco_call_duration_seconds",
      "SunCo API calls, per attempt, by operation and outcome.",
      ["operation", "outcome"],
      [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20],
    ),
    suncoCallErrors: counter("sunbridge_sunco_call_errors_total", "SunCo API call attempts that failed, by operation and error kind.", [
      "operation",
      "kind",
    ]),
  };
}

export function metrics() {
  return processSingleton("metrics", createMetrics);
}

export type GaugeCollector = () => Promise<Record<string, number>>;

/**
 * Registers a gauge whose values are read when Prometheus scrapes (e.g. a backlog counted in the
 * database). `collect` returns values by label value of `labelName`, or `{ "": n }` for no label.
 */
export function registerCollectedGauge(name: string, help: string, collect: GaugeCollector, labelName?: string) {
  const { registry } = metrics();
  if (registry.getSingleMetric(name)) return;
  new client.Gauge({
    name,
    help,
    labelNames: labelName ? [labelName] : [],
    registers: [registry],
    async collect() {
      const values = await collect();
      this.reset();
      for (const [label, value] of Object.entries(values)) {
        if (labelName) this.set({ [labelName]: label }, value);
        else this.set(value);
      }
    },
  });
}
