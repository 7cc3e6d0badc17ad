// The process-wide singletons, in one place, each with the reason it is one.
//
// Why on globalThis rather than in a module's own variables: a module can be evaluated more than once in one process.
// In development, hot reloads evaluate changed modules again while the process (its sockets, timers and listeners)
// keeps running; and scripts/serve.ts loads lib/ itself while Next.js's server bundle loads its own copy. State that
// must be one per process therefore lives here, under one globalThis key, made on first use by whichever copy of a
// module asks first and found by every other. Each name belongs to the one module named beside it, which alone reads
// and changes it (owners keep what changes inside the object they make).
//
// Tests install a database per file (installDatabase) and may swap it: a singleton bound to a database remembers
// which, and its owner starts afresh on another (the live hub, the webhook connection cache, wake-up listeners).

/** Every process-wide singleton: its name, the module that owns it, and why it is one. */
export const PROCESS_SINGLETONS = {
  database:
    "lib/db: one connection pool, or the one embedded PGlite that only one opener may hold; and whether it was closed, " +
    "so that work outliving it fails instead of opening the configured database again.",
  logger: "lib/log: one log stream, its redaction compiled once.",
  metrics: "lib/observability/metrics: /api/metrics serves one registry; copies of lib/ must count into the same one.",
  jobs:
    "lib/jobs/workers: one pg-boss per process (a second would work the queues and supervise them twice), which " +
    "stopJobs() stops whichever copy of lib/ started it.",
  notifications:
    "lib/db/notifications: the wake-up listeners of this process, which a wake reaches without a round trip, and the " +
    "notifications waiting to go out; a wake from one copy of lib/ must reach the loop another started.",
  webhookWorker: "lib/webhooks/worker: one loop claiming webhook events per process.",
  webhookConnections:
    "lib/webhooks/webhook-connections: the cached connections webhooks are addressed to, which a change must clear " +
    "wherever deliveries are served.",
  lastEventWrites: "lib/connections/last-event: when each connection's lastEventAt was last written (at most every 10 s).",
  liveHub: "lib/live/hub: one LISTEN and one reader of live events for all the process's open streams.",
  accessWatcher: "lib/auth/access-watch: one timer re-checking the sessions behind all open streams.",
  scopeWatcher: "lib/teams/scope-watch: one timer re-reading which connections the members behind open streams see.",
  housekeeping: "lib/server/housekeeping: one clean-up timer.",
  eventDispatchers:
    "lib/partner-events/address-guard: the HTTP connection pools event deliveries reuse (keep-alive to each endpoint).",
  eventDeliveryClock:
    "lib/partner-events/schedule: the clock and time scale of event delivery retries, which tests speed up for the " +
    "workers of the process (24 hours of retries in seconds).",
  snoozeSweep: "lib/inbox/snoozes: one loop reopening snoozed conversations when their time comes.",
  surveyAnswers: "lib/satisfaction/answers: one loop recording the answers to satisfaction surveys.",
  sandbox: "lib/sandbox/mounted: the mounted SunCo sandbox and its in-memory state, kept across hot reloads.",
} satisfies Record<string, string>;

export type ProcessSingletonName = keyof typeof PROCESS_SINGLETONS;

const SLOT = Symbol.for("sunbridge.processSingletons");
const registry = ((globalThis as Record<symbol, unknown>)[SLOT] ??= new Map()) as Map<ProcessSingletonName, unknown>;

/** This process's `name`, made by `create` on first use. */
export function processSingleton<T>(name: ProcessSingletonName, create: () => T): T {
  if (!registry.has(name)) registry.set(name, create());
  return registry.get(name) as T;
}
