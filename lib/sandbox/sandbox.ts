// Assembles a sandbox: state (seeded from the fixtures or a snapshot), clock, event plumbing and the HTTP app.
import type { SandboxAccessPolicy } from "./access";
import { memoryAttachmentFiles, type AttachmentFiles } from "./attachment-files";
import { sandboxApp } from "./app";
import { createClock } from "./clock";
import type { SandboxContext } from "./context";
import { createFaultRegistry } from "./faults";
import { fixtures, registerPartnerClient, seededState, type SandboxFixtures } from "./fixtures";
import { createLiveFeed } from "./live-feed";
import { resumePendingLinks } from "./resources/clients";
import type { SandboxClock } from "./clock";
import { snapshotOf, stateFromSnapshot, type SandboxState, type StateSnapshot } from "./state";
import { abandonUnfinished, createDeliveryEngine } from "./webhooks/delivery";
import { createDispatcher } from "./webhooks/dispatch";
import { webhookTargets } from "./webhooks/targets";

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
  /** Who may steer it besides clients on this machine (access.ts), and where a browser let in with the token lands. */
  access?: SandboxAccessPolicy & { landingUrl?: string };
  /** Webhook targets besides the app's origin (webhooks/targets.ts): any port on this machine, and these origins. */
  webhookTargets?: { loopback?: boolean; origins?: string[] };
  /** Derive the seeded keys' secrets from this instead of publishing them (fixtures.ts). */
  secretSeed?: string;
}

/** Who is asking, as the HTTP server saw it. */
export interface SandboxRequester {
  address: string;
}

export interface Sandbox {
  /** Without a requester, the control plane answers only to the sandbox's token. */
  fetch(request: Request, requester?: SandboxRequester): Promise<Response>;
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
  const seed = () => seededState(options.appUrl, options.secretSeed);
  let state = options.snapshot ? restored(options.snapshot, options.appUrl, clock) : seed();
  const targets = webhookTargets({ appUrl: options.appUrl, ...options.webhookTargets });
  const deliveries = createDeliveryEngine({ state: () => state, clock, faults, http, targets, changed });
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
    fixtures: fixtures(options.appUrl, options.secretSeed),
    verifyWebhookTargets: options.verifyWebhookTargets ?? true,
    webhookTargets: targets,
    http,
    events: createDispatcher({ state: () => state, clock, deliveries }),
    deliveries,
    faults,
    files,
    live: createLiveFeed(),
    changed,
  };

  resumePendingLinks(context);

  const reset = () => {
    deliveries.cancelAll();
    faults.clear();
    files.clear();
    clock.resetOffset();
    state = seed();
    changed();
  };
  // Mounted at /sandbox/sc, the cookie also reaches the app's simulator pages under /sandbox.
  const cookiePath = basePath.slice(0, basePath.lastIndexOf("/")) || "/";
  const app = sandboxApp(context, reset, { ...options.access, cookiePath });

  return {
    context,
    fixtures: context.fixtures,
    reset,
    snapshot: () => snapshotOf(state),
    stop() {
      deliveries.cancelAll();
      clock.stop();
    },
    async fetch(request, requester) {
      const url = new URL(request.url);
      if (basePath && !url.pathname.startsWith(basePath)) return new Response("Not found", { status: 404 });
      const bindings = { publicUrl: options.publicUrl ?? `${url.origin}${basePath}`, clientAddress: requester?.address ?? "unknown" };
      if (!basePath) return app.fetch(request, bindings);
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
      return app.fetch(inner, bindings);
    },
  };
}

/** A saved state, with the partner's client as configured now and the deliveries it left unfinished closed. */
function restored(snapshot: Partial<StateSnapshot>, appUrl: string, clock: SandboxClock): SandboxState {
  const state = registerPartnerClient(stateFromSnapshot(snapshot), appUrl);
  abandonUnfinished(state, clock);
  return state;
}
