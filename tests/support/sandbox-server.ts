// Starts the SunCo sandbox on a random local port for a test, with a typed client for its /_control endpoints.
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { env } from "@/lib/env";
import type { SandboxFixtures } from "@/lib/sandbox/fixtures";
import type { ChannelLinkFault, RequestFault, WebhookFault } from "@/lib/sandbox/faults";
import { serveSandbox } from "@/lib/sandbox/server";
import type { Sandbox } from "@/lib/sandbox/sandbox";
import type { DeliveryRecord } from "@/lib/sandbox/state";
import { validateWebhookEnvelope } from "./sunco/spec";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver";

export interface StartSandboxOptions {
  /** Multiplies sandbox delays; default 0.001 (the 15-minute retry window takes about a second). */
  timeScale?: number;
  /** The partner app the OAuth client redirects to; default APP_URL. */
  appUrl?: string;
  /** Check webhook targets with HEAD before accepting them; default true, as SunCo does. */
  verifyWebhookTargets?: boolean;
}

export interface StartedSandbox {
  /** The API root, e.g. http://127.0.0.1:41234 (SunCo paths /v2/…, /oauth/… hang off it). */
  url: string;
  fixtures: SandboxFixtures;
  control: SandboxControl;
  /** The in-process instance, for assertions that HTTP cannot make. */
  sandbox: Sandbox;
  stop(): Promise<void>;
}

export async function startSandbox(options: StartSandboxOptions = {}): Promise<StartedSandbox> {
  const running = await serveSandbox({
    timeScale: options.timeScale ?? 0.001,
    appUrl: options.appUrl ?? env().APP_URL,
    verifyWebhookTargets: options.verifyWebhookTargets,
  });
  return {
    url: running.url,
    fixtures: running.sandbox.fixtures,
    control: sandboxControl(running.url),
    sandbox: running.sandbox,
    stop: running.close,
  };
}

type Match = { method?: string; path?: string; appId?: string };
type Times = number | "always";

export type SandboxControl = ReturnType<typeof sandboxControl>;

/** /_control over HTTP, for a sandbox running here or elsewhere (e.g. mounted in the app). */
export function sandboxControl(baseUrl: string) {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${baseUrl}/_control${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await response.json();
    if (!response.ok) throw new Error(`${method} /_control${path} → ${response.status} ${JSON.stringify(json)}`);
    return json as T;
  };

  const addFault = async (match: Match, times: Times, respond: RequestFault["respond"]) =>
    (await call<{ fault: RequestFault }>("POST", "/faults", { match, times, respond })).fault;

  const deliveries = async (filter: Record<string, string> = {}) =>
    (await call<{ deliveries: DeliveryRecord[] }>("GET", `/deliveries?${new URLSearchParams(filter)}`)).deliveries;

  return {
    fixtures: () => call<SandboxFixtures>("GET", "/fixtures"),
    reset: () => call<object>("POST", "/reset"),
    advanceClock: (ms: number) => call<{ now: string }>("POST", "/clock/advance", { ms }),
    resetClock: () => call<{ now: string }>("POST", "/clock/reset"),

    /** The next `times` matching requests answer `status` (with Retry-After seconds when given). */
    failNext: (times: Times, status: number, match: Match = {}, retryAfter?: number) =>
      addFault(match, times, { status, ...(retryAfter !== undefined ? { retryAfter } : {}) }),
    /** The next `times` matching requests never answer (until the client gives up). */
    hangNext: (times: Times, match: Match = {}) => addFault(match, times, { hang: true }),
    /** The next `times` matching requests are handled after `latencyMs` sandbox milliseconds (× time scale). */
    delayNext: (times: Times, latencyMs: number, match: Match = {}) => addFault(match, times, { latencyMs }),
    webhookFault: async (mode: WebhookFault["mode"], times: Times = 1, match: WebhookFault["match"] = {}) =>
      (await call<{ fault: WebhookFault }>("POST", "/webhook-faults", { mode, times, match })).fault,
    /** The next `times` channel links (CreateClient) matching end in `outcome` instead of being confirmed. */
    failChannelLinks: async (match: ChannelLinkFault["match"], times: Times = 1, outcome: ChannelLinkFault["outcome"] = "linkFailed") =>
      (await call<{ fault: ChannelLinkFault }>("POST", "/channel-link-faults", { match, times, outcome })).fault,
    faults: async () => (await call<{ faults: (RequestFault | WebhookFault | ChannelLinkFault)[] }>("GET", "/faults")).faults,
    clearFaults: () => call<object>("DELETE", "/faults"),

    deliveries,
    /** Polls the delivery log until `done` holds (e.g. a delivery reached its final state). */
    async waitForDeliveries(
      filter: Record<string, string>,
      done: (deliveries: DeliveryRecord[]) => boolean,
      timeoutMs = 10_000,
    ): Promise<DeliveryRecord[]> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = await deliveries(filter);
        if (done(found)) return found;
        if (Date.now() > deadline) throw new Error(`Deliveries ${JSON.stringify(filter)} never matched: ${JSON.stringify(found, null, 1)}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },

    webhooks: async (appId: string) =>
      (await call<{ webhooks: { id: string; integrationId: string; target: string; secret: string; triggers: string[] }[] }>(
        "GET",
        `/apps/${appId}/webhooks`,
      )).webhooks,
    authorizations: async (appId: string) =>
      (await call<{ authorizations: { clientId: string; integrationId: string; tokens: { keyId: string }[] }[] }>(
        "GET",
        `/apps/${appId}/authorizations`,
      )).authorizations,
    removeAuthorization: (appId: string, clientId: string) =>
      call<object>("DELETE", `/apps/${appId}/authorizations/${encodeURIComponent(clientId)}`),

    // The end user's side (what the simulator page does).
    createEndUser: async (
      appId: string,
      input: { givenName?: string; surname?: string; email?: string; externalId?: string; zendeskId?: string } = {},
    ) =>
      (await call<{ user: EndUser }>("POST", `/apps/${appId}/end-users`, input)).user,
    openConversation: async (appId: string, userId: string, options: { new?: boolean } = {}) =>
      (await call<{ conversation: { id: string } }>("POST", `/apps/${appId}/end-users/${userId}/conversations`, options)).conversation,
    signIn: async (appId: string, userId: string, externalId: string) =>
      (await call<{ user: EndUser }>("POST", `/apps/${appId}/end-users/${userId}/sign-in`, { externalId })).user,
    conversation: (conversationId: string) =>
      call<{ conversation: Record<string, unknown>; participants: Record<string, unknown>[]; messages: SentMessage[] }>(
        "GET",
        `/conversations/${conversationId}`,
      ),
    sendAsEndUser: async (conversationId: string, userId: string, content: Record<string, unknown>) =>
      (await call<{ message: SentMessage }>("POST", `/conversations/${conversationId}/messages`, { userId, content })).message,
    tapButton: async (conversationId: string, userId: string, messageId: string, button: string) =>
      (await call<{ message: SentMessage | null }>("POST", `/conversations/${conversationId}/buttons`, { userId, messageId, button })).message,
    submitForm: async (conversationId: string, userId: string, messageId: string, values: Record<string, string>) =>
      (await call<{ message: SentMessage }>("POST", `/conversations/${conversationId}/forms`, { userId, messageId, values })).message,
    setTyping: (conversationId: string, userId: string, typing: boolean) =>
      call<object>("POST", `/conversations/${conversationId}/typing`, { userId, typing }),
    markRead: (conversationId: string, userId: string) => call<object>("POST", `/conversations/${conversationId}/read`, { userId }),
    referral: (conversationId: string, userId: string, code: string) =>
      call<object>("POST", `/conversations/${conversationId}/referral`, { userId, code, details: { source: "ad", type: "referral" } }),
    fillConversation: (conversationId: string, count: number) =>
      call<{ messageCount: number }>("POST", `/conversations/${conversationId}/fill`, { count }),
    confirmClient: (clientId: string) => call<object>("POST", `/clients/${clientId}/confirm`),
  };
}

export interface EndUser {
  id: string;
  externalId?: string;
  authenticated: boolean;
  profile: Record<string, unknown>;
}

export interface SentMessage {
  id: string;
  author: { type: string; userId?: string };
  content: Record<string, unknown> & { type: string };
}

/** SunCo's API for one app over plain fetch with an app key: status and parsed body, for tests that read raw answers. */
export function appApi(baseUrl: string, appId: string, key: { id: string; secret: string }) {
  return async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}/v2/apps/${appId}${path}`, {
      method,
      headers: { authorization: basicAuth(key), ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
}

/** The Authorization header of Basic auth with an API key. */
export function basicAuth(key: { id: string; secret: string }): string {
  return `Basic ${Buffer.from(`${key.id}:${key.secret}`).toString("base64")}`;
}

/**
 * A sandbox and a webhook receiver (the partner app: its OAuth redirect and removeUrl live there too) for one test
 * file. After each test, every webhook payload the receiver got must validate against the spec.
 */
export function withSandbox(options: Omit<StartSandboxOptions, "appUrl"> = {}) {
  const context = {} as { sandbox: StartedSandbox; receiver: WebhookReceiver };
  beforeAll(async () => {
    context.receiver = await startWebhookReceiver();
    context.sandbox = await startSandbox({ ...options, appUrl: context.receiver.url });
  });
  afterAll(async () => {
    await context.sandbox?.stop();
    await context.receiver?.stop();
  });
  afterEach(() => {
    const payloads = context.receiver.posts().filter((request) => request.path.startsWith(WEBHOOK_PATH));
    for (const payload of payloads) expect(validateWebhookEnvelope(payload.body), JSON.stringify(payload.body)).toEqual([]);
  });
  return context;
}

/** Where tests point webhooks on the receiver. */
export const WEBHOOK_PATH = "/webhooks/";
