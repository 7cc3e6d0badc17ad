// What every SunCo call shares beyond its credentials: where it goes, how it is sent, who watches it. Each setting
// falls back to configuration (lib/env) so that callers pass only what they want to differ.
import { env } from "@/lib/env";
import { fetchExchange, undiciExchange } from "./http";
import type { SuncoObserver } from "./observer";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-policy";
import type { MarketplaceHeaders } from "./transport";

export interface CallSettings {
  /** Sends the requests instead of undici (see ./http): tests pass a recording fetch. */
  fetch?: typeof fetch;
  /** X-Zendesk-Marketplace-* headers; default from SUNCO_MARKETPLACE_*. */
  marketplace?: MarketplaceHeaders;
  /** Told about every request, with no secrets. */
  observer?: SuncoObserver;
  /** Per request; default 10 s. */
  timeoutMs?: number;
  retry?: RetryPolicy;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

export function resolveCallSettings(settings: CallSettings) {
  return {
    exchange: settings.fetch ? fetchExchange(settings.fetch) : undiciExchange,
    marketplace: settings.marketplace ?? env().sunco.marketplace,
    observer: settings.observer,
    timeoutMs: settings.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retry: settings.retry ?? DEFAULT_RETRY_POLICY,
  };
}
