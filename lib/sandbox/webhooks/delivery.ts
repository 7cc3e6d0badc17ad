// Sends webhook payloads (and removeUrl notices) with SunCo's retry policy, keeping a log of every attempt.
// First attempts to one webhook go out in the order events happened; retries are scheduled on their own.
// As SunCo does, one POST may hold several events: while a webhook's earlier POST is still on its way, the events
// that follow gather in the next one (up to MAX_EVENTS_PER_POST), so a slow target catches up in fewer requests and a
// receiver is exercised with batches of different conversations and types.
import type { SandboxClock } from "../clock";
import type { FaultRegistry } from "../faults";
import { objectId, webhookSecret } from "../ids";
import type { DeliveryAttempt, DeliveryRecord, Json, SandboxState, WebhookRecord } from "../state";
import { attemptTimeoutMs, isSuccess, retryDelayMs, shouldRetry } from "./retry-policy";
import type { WebhookTargets } from "./targets";
import type { Trigger } from "./triggers";

/** Past this many deliveries the oldest finished ones leave the log. */
const LOG_LIMIT = 1000;
/** The most events one POST gathers while the webhook is busy. SunCo documents no number; this keeps bodies small. */
export const MAX_EVENTS_PER_POST = 10;
/**
 * How long a delivery held back by a "reorder" fault waits for the next one to overtake it; never less than a real
 * second, or a small time scale would release it before the next event could happen.
 */
const REORDER_WAIT_MS = 5_000;
const REORDER_MIN_REAL_MS = 1_000;

export interface DeliveryDeps {
  state: () => SandboxState;
  clock: SandboxClock;
  faults: FaultRegistry;
  http: typeof fetch;
  targets: WebhookTargets;
  changed: () => void;
}

export interface DeliveryEngine {
  deliver(webhook: WebhookRecord, body: Json, events: { id: string; type: Trigger }[]): void;
  notifyRemoval(appId: string, removeUrl: string, body: Json): void;
  /** Drops queued and scheduled work (after a reset or on stop). */
  cancelAll(): void;
}

export function createDeliveryEngine(deps: DeliveryDeps): DeliveryEngine {
  const queues = new Map<string, Promise<void>>();
  const held = new Map<string, DeliveryRecord>();
  /** Per webhook, the delivery queued behind a busy one that later events may still join. */
  const gathering = new Map<string, DeliveryRecord>();
  let generation = 0;

  const record = (fields: Omit<DeliveryRecord, "id" | "state" | "attempts" | "createdAt">): DeliveryRecord => {
    const state = deps.state();
    const created: DeliveryRecord = {
      id: objectId(),
      state: "pending",
      attempts: [],
      createdAt: deps.clock.timestamp(),
      ...fields,
    };
    state.deliveries.insert(created);
    if (state.deliveries.size > LOG_LIMIT) {
      const finished = state.deliveries.where((d) => d.state === "delivered" || d.state === "failed");
      for (const old of finished.slice(0, state.deliveries.size - LOG_LIMIT)) state.deliveries.delete(old.id);
    }
    return created;
  };

  const enqueue = (delivery: DeliveryRecord) => {
    const key = delivery.webhookId ?? delivery.target;
    const queued = generation;
    const next = (queues.get(key) ?? Promise.resolve()).then(() => (queued === generation ? attempt(delivery) : undefined));
    queues.set(key, next);
    void next.then(() => {
      if (queues.get(key) === next) queues.delete(key);
    });
  };

  const refuse = (delivery: DeliveryRecord, error: string) => {
    delivery.state = "failed";
    delivery.attempts.push(failedBeforeSending(delivery, deps.clock, error));
    deps.changed();
  };

  const attempt = async (delivery: DeliveryRecord): Promise<void> => {
    const started = generation;
    if (delivery.webhookId && gathering.get(delivery.webhookId) === delivery) gathering.delete(delivery.webhookId);
    // Targets were checked when the webhook was created; this also covers removeUrls and state saved by older versions.
    if (!deps.targets.allows(delivery.target)) return refuse(delivery, `The sandbox only sends to ${deps.targets.allowed}`);
    const headers: Record<string, string> = { "content-type": "application/json", "user-agent": "SunCo-Sandbox/1.0" };
    if (delivery.kind === "webhook") {
      const webhook = deps.state().webhooks.get(delivery.webhookId);
      if (!webhook) return refuse(delivery, "The webhook was deleted");
      headers["x-api-key"] = delivery.fault === "wrongSecret" ? webhookSecret() : webhook.secret;
    }
    const attemptRecord = await send(delivery, headers, deps);
    if (started !== generation) return;
    delivery.attempts.push(attemptRecord);
    if (isSuccess(attemptRecord.status)) delivery.state = "delivered";
    else if (shouldRetry(attemptRecord.status, delivery.attempts.length)) {
      delivery.state = "retrying";
      deps.clock.after(retryDelayMs(delivery.attempts.length), () => {
        if (started === generation) void attempt(delivery);
      });
    } else delivery.state = "failed";
    deps.changed();
  };

  return {
    deliver(webhook, body, events) {
      const triggers = events.map((e) => e.type);
      const mode = deps.faults.takeWebhookFault({ appId: webhook.appId, webhookId: webhook.id, triggers });
      const fields = {
        kind: "webhook" as const,
        appId: webhook.appId,
        webhookId: webhook.id,
        integrationId: webhook.integrationId,
        target: webhook.target,
        eventIds: events.map((e) => e.id),
        eventTypes: triggers,
        body,
      };
      const joined = gathering.get(webhook.id);
      if (!mode && joined && joined.eventIds.length + events.length <= MAX_EVENTS_PER_POST) {
        (joined.body as { events: Json[] }).events.push(...(body as { events: Json[] }).events);
        joined.eventIds.push(...fields.eventIds);
        joined.eventTypes.push(...triggers);
        deps.changed();
        return;
      }
      const busy = queues.has(webhook.id);
      const delivery = record({ ...fields, ...(mode && mode !== "duplicate" ? { fault: mode } : {}) });
      const overtaken = held.get(webhook.id);
      // Only a plain delivery waiting behind another gathers: one a fault acts on (or that overtakes one held back by
      // a fault) is sent as it was made, so the fault does what it says and no more.
      if (busy && !mode && !overtaken) gathering.set(webhook.id, delivery);
      else gathering.delete(webhook.id);
      if (overtaken) {
        held.delete(webhook.id);
        enqueue(delivery);
        enqueue(overtaken);
      } else if (mode === "reorder") {
        held.set(webhook.id, delivery);
        deps.clock.after(
          REORDER_WAIT_MS,
          () => {
            if (held.get(webhook.id) !== delivery) return;
            held.delete(webhook.id);
            enqueue(delivery);
          },
          { minRealMs: REORDER_MIN_REAL_MS },
        );
      } else {
        enqueue(delivery);
      }
      if (mode === "duplicate") enqueue(record({ ...fields, fault: "duplicate" }));
      deps.changed();
    },
    notifyRemoval(appId, removeUrl, body) {
      enqueue(record({ kind: "removeUrl", appId, target: removeUrl, eventIds: [], eventTypes: [], body }));
      deps.changed();
    },
    cancelAll() {
      generation += 1;
      queues.clear();
      held.clear();
      gathering.clear();
    },
  };
}

async function send(delivery: DeliveryRecord, headers: Record<string, string>, deps: DeliveryDeps): Promise<DeliveryAttempt> {
  const startedAt = deps.clock.timestamp();
  const started = performance.now();
  const timeoutMs = attemptTimeoutMs(deps.clock.timeScale);
  const base = { number: delivery.attempts.length + 1, startedAt, wrongSecret: delivery.fault === "wrongSecret" || undefined };
  try {
    const response = await deps.http(delivery.target, {
      method: "POST",
      headers,
      body: JSON.stringify(delivery.body),
      // SunCo does not follow redirects: a 3xx is a failed attempt.
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    // The log keeps the status only: what a target answers is not the sandbox's to show to whoever reads the log.
    await response.body?.cancel().catch(() => undefined);
    return { ...base, durationMs: Math.round(performance.now() - started), status: response.status };
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === "TimeoutError";
    return {
      ...base,
      durationMs: Math.round(performance.now() - started),
      status: null,
      error: timedOut ? `No answer within ${timeoutMs} ms` : describe(error),
    };
  }
}

/** Deliveries a previous run left unfinished: their retries died with it, so the log says so. */
export function abandonUnfinished(state: SandboxState, clock: SandboxClock): void {
  for (const delivery of state.deliveries.where((d) => d.state === "pending" || d.state === "retrying")) {
    delivery.attempts.push(failedBeforeSending(delivery, clock, "The sandbox restarted before this delivery finished"));
    delivery.state = "failed";
  }
}

function failedBeforeSending(delivery: DeliveryRecord, clock: SandboxClock, error: string): DeliveryAttempt {
  return { number: delivery.attempts.length + 1, startedAt: clock.timestamp(), durationMs: 0, status: null, error };
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ? `${error.message} (${cause.code})` : error.message;
  }
  return String(error);
}
