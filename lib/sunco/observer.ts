// What the client reports about each request it makes, for metrics and logs. Never a URL, header, body or secret.
import type { SuncoErrorKind } from "./errors";

export interface SuncoCallEvent {
  /** The SunCo operationId, e.g. "PostMessage". */
  operation: string;
  method: string;
  /** The HTTP status, or null when no response arrived. */
  status: number | null;
  durationMs: number;
  /** 1 for the first request of a call, 2 for its first retry, … */
  attempt: number;
  /** "retry": this request failed and another follows; "failure": the call gives up with this request. */
  outcome: "success" | "retry" | "failure";
  errorKind?: SuncoErrorKind;
}

export interface SuncoObserver {
  onCall(event: SuncoCallEvent): void;
}

/** Reports to the observer; a broken observer must never break the call it watches. */
export function report(observer: SuncoObserver | undefined, event: SuncoCallEvent) {
  if (!observer) return;
  try {
    observer.onCall(event);
  } catch {
    // Metrics are best effort.
  }
}
