// Metrics for every SunCo call: latency per attempt and failures, by operation. Never URLs or credentials.
import type { SuncoCallEvent, SuncoObserver } from "@/lib/sunco";
import { metrics } from "./metrics";

export function recordSuncoCall(event: SuncoCallEvent) {
  const { suncoCallDuration, suncoCallErrors } = metrics();
  suncoCallDuration.observe({ operation: event.operation, outcome: event.outcome }, event.durationMs / 1000);
  if (event.errorKind) suncoCallErrors.inc({ operation: event.operation, kind: event.errorKind });
}

export const metricsObserver: SuncoObserver = { onCall: recordSuncoCall };
