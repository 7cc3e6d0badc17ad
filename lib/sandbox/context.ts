// What every part of the sandbox shares: its state (replaced on reset), clock, outbound HTTP and event plumbing.
import type { AttachmentFiles } from "./attachment-files";
import type { SandboxClock } from "./clock";
import type { FaultRegistry } from "./faults";
import type { SandboxFixtures } from "./fixtures";
import type { LiveFeed } from "./live-feed";
import type { SandboxState } from "./state";
import type { DeliveryEngine } from "./webhooks/delivery";
import type { EventDispatcher } from "./webhooks/dispatch";
import type { WebhookTargets } from "./webhooks/targets";

export interface SandboxContext {
  state: SandboxState;
  readonly clock: SandboxClock;
  /** The partner app's URL: its OAuth client's redirect URI and removeUrl are built from it. */
  readonly appUrl: string;
  /** What it was seeded with: apps, keys, the OAuth client. */
  readonly fixtures: SandboxFixtures;
  /** Whether creating a webhook first checks, with a HEAD request, that its target answers (SunCo does). */
  readonly verifyWebhookTargets: boolean;
  /** Where webhooks, HEAD checks and removeUrl notices may go. */
  readonly webhookTargets: WebhookTargets;
  /** Outbound HTTP: webhook deliveries, HEAD checks, removeUrl notices. */
  readonly http: typeof fetch;
  readonly events: EventDispatcher;
  readonly deliveries: DeliveryEngine;
  readonly faults: FaultRegistry;
  readonly files: AttachmentFiles;
  readonly live: LiveFeed;
  /** Tells persistence that the state changed. */
  changed(): void;
}
