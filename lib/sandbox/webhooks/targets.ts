// Where the sandbox sends webhooks and removeUrl notices (and HEAD-checks targets): the partner app's own origin, plus,
// for a standalone sandbox, any port on this machine and the origins it was told to allow. Anywhere else would make
// it a way to probe other hosts for whoever may create a webhook.
import { isLoopbackAddress } from "../access";

export interface WebhookTargetRules {
  /** The partner app: its origin is always allowed. */
  appUrl: string;
  /** Further origins, e.g. `http://partner.test:8080`. */
  origins?: string[];
  /** Any http(s) URL on localhost, 127.0.0.0/8 or [::1]: tests' receivers listen on random local ports. */
  loopback?: boolean;
}

export interface WebhookTargets {
  allows(target: string): boolean;
  /** For error messages: what is allowed. */
  readonly allowed: string;
}

export function webhookTargets(rules: WebhookTargetRules): WebhookTargets {
  const origins = new Set([rules.appUrl, ...(rules.origins ?? [])].map((url) => new URL(url).origin));
  return {
    allows(target) {
      let url: URL;
      try {
        url = new URL(target);
      } catch {
        return false;
      }
      if (url.protocol !== "http:" && url.protocol !== "https:") return false;
      if (origins.has(url.origin)) return true;
      const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
      return Boolean(rules.loopback) && (host === "localhost" || isLoopbackAddress(host));
    },
    allowed: [...origins].join(", ") + (rules.loopback ? ", or any port on this machine" : ""),
  };
}
