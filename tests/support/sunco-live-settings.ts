// The real SunCo app `npm run test:live` runs the acceptance tests against, from SUNCO_LIVE_*. Imported by
// vitest.live.config.ts too, which refuses to start without them: so no "@/" imports here.

export const LIVE_SETTINGS = ["SUNCO_LIVE_APP_ID", "SUNCO_LIVE_KEY_ID", "SUNCO_LIVE_KEY_SECRET", "SUNCO_LIVE_SUBDOMAIN"] as const;

export interface LiveSettings {
  appId: string;
  keyId: string;
  keySecret: string;
  subdomain: string;
  /** Instead of https://<subdomain>.zendesk.com/sc: to rehearse the live run against a standalone sandbox. */
  apiBaseUrl: string | null;
}

/** The live app's settings, or the one line `npm run test:live` refuses with. */
export function readLiveSettings(env: Record<string, string | undefined>): LiveSettings | { refusal: string } {
  const missing = LIVE_SETTINGS.filter((name) => !env[name]);
  if (missing.length > 0) {
    return {
      refusal:
        `npm run test:live needs a SunCo app to test against: set ${LIVE_SETTINGS.join(", ")} ` +
        `(an app key of that app; see .env.example). Missing: ${missing.join(", ")}.`,
    };
  }
  const apiBaseUrl = env.SUNCO_LIVE_API_BASE_URL || null;
  if (apiBaseUrl && !URL.canParse(apiBaseUrl)) return { refusal: `SUNCO_LIVE_API_BASE_URL is not a URL: ${apiBaseUrl}` };
  return {
    appId: env.SUNCO_LIVE_APP_ID!,
    keyId: env.SUNCO_LIVE_KEY_ID!,
    keySecret: env.SUNCO_LIVE_KEY_SECRET!,
    subdomain: env.SUNCO_LIVE_SUBDOMAIN!,
    apiBaseUrl,
  };
}

/** Set by vitest.live.config.ts. */
export const TARGET_VARIABLE = "SUNCO_ACCEPTANCE_TARGET";
