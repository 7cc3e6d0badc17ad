// Assembles a sandbox: state (seeded from the fixtures or a snapshot), clock, event plumbing and the HTTP app.
import { memoryAttachmentFiles, type AttachmentFiles } from "./attachment-files";
import { sandboxApp } from "./app";
import { createClock } from "./clock";
import type { SandboxContext } from "./context";
import { createFaultRegistry } from "./faults";
import { fixtures, registerPartnerClient, seededState, type SandboxFixtures } from "./fixtures";
import { createLiveFeed } from "./live-feed";
import type { SandboxClock } from "./clock";
import { snapshotOf, stateFromSnapshot, type SandboxState, type StateSnapshot } from "./state";
import { abandonUnfinished, createDeliveryEngine } from "./webhooks/delivery";
import { createDispatcher } from "./webhooks/dispatch";

export interface SandboxOptions {
  /** The partner app's URL; its OAuth client's redirect URI and removeUrl derive from it. */
  appUrl: string;
  /** Multiplies every sandbox delay (retry backoff, injected latency). Default 1. */
  timeScale?: number;
  /** The path the sandbox is served under ("" standalone, "/sandbox/sc" mounted in the app). */
  basePath?: string;
  /** The sandbox root's public URL; by default the request's origin plus `basePath`. */
  publicUrl?: string;
  /** Start from saved state instead of the fixtures. */
  snapshot?: Partial<StateSnapshot>;
  files?: AttachmentFiles;
  /** Called after every change, for persistence. */
  onChange?: () => void;
  /** Check webhook targets with a HEAD request before accepting them, as SunCo does. Default true. */
  verifyWebhookTargets?: boolean;
  /** Outbound HTTP; defaults to the global fetch. */
  http?: typeof fetch;
}

export interface Sandbox {
  fetch(request: Request): Promise<Response>;
  readonly fixtures: SandboxFixtures;
  readonly context: SandboxContext;
  /** Back to exactly the fixtures: data, faults, deliveries and the clock's offset are all dropped. */
  reset(): void;
  snapshot(): StateSnapshot;
  stop(): void;
}

export function createSandbox(options: SandboxOptions): Sandbox {
  const basePath = (options.basePath ?? "").replace(/\/+$/, "");
  const clock = createClock(options.timeScale ?? 1);
  const faults = createFaultRegistry();
  const changed = () => options.onChange?.();
  const http = options.http ?? fetch;
  let state = options.snapshot ? restored(options.snapshot, options.appUrl, clock) : seededState(options.appUrl);
  const deliveries = createDeliveryEngine({ state: () => state, clock, faults, http, changed });
  const files = options.files ?? memoryAttachmentFiles();

  const context: SandboxContext = {
    get state() {
      return state;
    },
    set state(next) {
      state = next;
    },
    clock,
    appUrl: options.appUrl,
    verifyWebhookTargets: options.verifyWebhookTargets ?? true,
    http,
    events: createDispatcher({ state: () => state, clock, deliveries }),
    deliveries,
    faults,
    files,
    live: createLiveFeed(),
    changed,
  };

  const reset = () => {
    deliveries.cancelAll();
    faults.clear();
    files.clear();
    clock.resetOffset();
    state = seededState(options.appUrl);
    changed();
  };
  const app = sandboxApp(context, reset);

  return {
    context,
    fixtures: fixtures(options.appUrl),
    reset,
    snapshot: () => snapshotOf(state),
    stop() {
      deliveries.cancelAll();
      clock.stop();
    },
    async fetch(request) {
      const url = new URL(request.url);
      if (basePath && !url.pathname.startsWith(basePath)) return new Response("Not found", { status: 404 });
      const publicUrl = options.publicUrl ?? `${url.origin}${basePath}`;
      if (!basePath) return app.fetch(request, { publicUrl });
      url.pathname = url.pathname.slice(basePath.length) || "/";
      const hasBody = request.method !== "GET" && request.method !== "HEAD";
      const inner = new Request(url, {
        method: request.method,
        headers: request.headers,
        body: hasBody ? request.body : undefined,
        signal: request.signal,
        redirect: "manual",
        ...(hasBody ? { duplex: "half" } : {}),
      } as RequestInit);
      return app.fetch(inner, { publicUrl });
    },
  };
}

/** A saved state, with the partner's client as configured now and the deliveries it left unfinished closed. */
function restored(snapshot: Partial<StateSnapshot>, appUrl: string, clock: SandboxClock): SandboxState {
  const state = registerPartnerClient(stateFromSnapshot(snapshot), appUrl);
  abandonUnfinished(state, clock);
  return state;
}
