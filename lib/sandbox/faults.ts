// Fault injection: the next N requests matching a method and path answer with an error status, hang, or come
// late; the next N webhook deliveries go out twice, out of order, or with a wrong X-API-Key; the next N channel
// links (CreateClient) to matching phone numbers or addresses fail or are cancelled.
import { z } from "zod";
import { objectId } from "./ids";
import { parseRequest } from "./validation";
import type { Trigger } from "./webhooks/triggers";

const times = z.union([z.number().int().min(1), z.literal("always")]).default(1);

export const requestFaultInput = z
  .object({
    match: z
      .object({
        method: z.string().toUpperCase().optional(),
        /** Relative to the sandbox root; `*` matches within one path segment, `**` across segments. */
        path: z.string().startsWith("/").optional(),
        /**
         * Only requests for this app: addressed to `/v2/apps/{appId}/…` or made with its credentials (tokenInfo has
         * no app in its path). Lets tests running side by side fault their own tenant without touching the others'.
         */
        appId: z.string().optional(),
      })
      .default({}),
    times,
    respond: z.union([
      z.object({
        status: z.number().int().min(400).max(599),
        /** Seconds, sent as the Retry-After header. */
        retryAfter: z.number().int().min(0).optional(),
        body: z.unknown().optional(),
      }),
      z.object({ hang: z.literal(true) }),
      /** Sandbox milliseconds (multiplied by the time scale) before the request is handled normally. */
      z.object({ latencyMs: z.number().int().min(1).max(600_000) }),
    ]),
  })
  .strict();

export const webhookFaultInput = z
  .object({
    match: z
      .object({ appId: z.string().optional(), webhookId: z.string().optional(), trigger: z.string().optional() })
      .default({}),
    times,
    mode: z.enum(["duplicate", "reorder", "wrongSecret"]),
  })
  .strict();

export const channelLinkFaultInput = z
  .object({
    match: z
      .object({
        appId: z.string().optional(),
        /** The matchCriteria type: whatsapp, twilio, messagebird or mailgun. */
        type: z.string().optional(),
        /** The phone number or address as given; `*` matches any run of characters. */
        externalId: z.string().min(1).max(200).optional(),
      })
      .default({}),
    times,
    /** `linkFailed`: the channel could not reach the user; `linkCancelled`: the user declined. */
    outcome: z.enum(["linkFailed", "linkCancelled"]).default("linkFailed"),
  })
  .strict();

export type RequestFault = z.output<typeof requestFaultInput> & { id: string; kind: "request" };
export type WebhookFault = z.output<typeof webhookFaultInput> & { id: string; kind: "webhook" };
export type ChannelLinkFault = z.output<typeof channelLinkFaultInput> & { id: string; kind: "channelLink" };
export type WebhookFaultMode = WebhookFault["mode"];
export type ChannelLinkOutcome = ChannelLinkFault["outcome"];
type Fault = RequestFault | WebhookFault | ChannelLinkFault;

export interface FaultRegistry {
  addRequestFault(input: unknown): RequestFault;
  addWebhookFault(input: unknown): WebhookFault;
  addChannelLinkFault(input: unknown): ChannelLinkFault;
  list(): Fault[];
  clear(): void;
  remove(id: string): boolean;
  /**
   * The fault the request meets, counted as used. `appId` finds out which app the request is for; it is asked only
   * when a fault matching the method and path names an app, and at most once.
   */
  takeRequestFault(request: { method: string; path: string; appId: () => Promise<string | undefined> }): Promise<RequestFault["respond"] | undefined>;
  takeWebhookFault(delivery: { appId: string; webhookId: string; triggers: Trigger[] }): WebhookFaultMode | undefined;
  /** How a channel link just requested will end, when a fault says it does not succeed. */
  takeChannelLinkFault(link: { appId: string; type: string; externalId: string }): ChannelLinkOutcome | undefined;
}

export function createFaultRegistry(): FaultRegistry {
  let faults: Fault[] = [];

  const consume = <F extends Fault>(fault: F): F => {
    if (fault.times !== "always") {
      fault.times -= 1;
      if (fault.times === 0) faults = faults.filter((f) => f !== fault);
    }
    return fault;
  };

  return {
    addRequestFault(input) {
      const fault: RequestFault = { id: objectId(), kind: "request", ...parseRequest(requestFaultInput, input) };
      faults.push(fault);
      return fault;
    },
    addWebhookFault(input) {
      const fault: WebhookFault = { id: objectId(), kind: "webhook", ...parseRequest(webhookFaultInput, input) };
      faults.push(fault);
      return fault;
    },
    addChannelLinkFault(input) {
      const fault: ChannelLinkFault = { id: objectId(), kind: "channelLink", ...parseRequest(channelLinkFaultInput, input) };
      faults.push(fault);
      return fault;
    },
    list: () => faults.map((fault) => structuredClone(fault)),
    clear() {
      faults = [];
    },
    remove(id) {
      const before = faults.length;
      faults = faults.filter((f) => f.id !== id);
      return faults.length < before;
    },
    async takeRequestFault({ method, path, appId }) {
      let requestAppId: Promise<string | undefined> | undefined;
      for (const fault of faults) {
        if (fault.kind !== "request") continue;
        if (fault.match.method && fault.match.method !== method.toUpperCase()) continue;
        if (fault.match.path && !pathPattern(fault.match.path).test(path)) continue;
        if (fault.match.appId && fault.match.appId !== (await (requestAppId ??= appId()))) continue;
        // Another request may have used it up while this one looked for its app.
        if (!faults.includes(fault)) continue;
        return consume(fault).respond;
      }
      return undefined;
    },
    takeWebhookFault({ appId, webhookId, triggers }) {
      const fault = faults.find(
        (f): f is WebhookFault =>
          f.kind === "webhook" &&
          (!f.match.appId || f.match.appId === appId) &&
          (!f.match.webhookId || f.match.webhookId === webhookId) &&
          (!f.match.trigger || triggers.includes(f.match.trigger as Trigger)),
      );
      return fault && consume(fault).mode;
    },
    takeChannelLinkFault({ appId, type, externalId }) {
      const fault = faults.find(
        (f): f is ChannelLinkFault =>
          f.kind === "channelLink" &&
          (!f.match.appId || f.match.appId === appId) &&
          (!f.match.type || f.match.type === type) &&
          (!f.match.externalId || globPattern(f.match.externalId, ".*").test(externalId)),
      );
      return fault && consume(fault).outcome;
    },
  };
}

/** `*` matches anything (`[^/]*` for paths, where `**` crosses segments); everything else literally. */
function globPattern(glob: string, star: string): RegExp {
  const source = glob
    .split(/(\*\*|\*)/)
    .map((part) => (part === "**" ? ".*" : part === "*" ? star : part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`);
}

function pathPattern(glob: string): RegExp {
  return globPattern(glob, "[^/]*");
}
