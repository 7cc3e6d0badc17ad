// Where a tenant's SunCo API lives: its Zendesk subdomain, a legacy region, or one override (the sandbox, a proxy).
import { InvalidInputError } from "@/lib/errors";

/** A licensed Zendesk account is reached through its subdomain; legacy SunCo accounts through a region. */
export type SuncoRegion = { subdomain: string } | "us" | "eu";

const REGION_BASE_URLS = {
  us: "https://api.smooch.io",
  eu: "https://api.eu-1.smooch.io",
} as const;

// A DNS label: Zendesk subdomains are letters, digits and inner hyphens.
const SUBDOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/** The API base URL (no trailing slash) for a tenant; `override` wins over the region when set. */
export function apiBaseUrl(region: SuncoRegion, override?: string | null): string {
  if (override) return trimSlash(override);
  if (region === "us" || region === "eu") return REGION_BASE_URLS[region];
  if (!SUBDOMAIN.test(region.subdomain)) {
    throw new InvalidInputError("The Zendesk subdomain is not valid.", {
      subdomain: ["must be the part before .zendesk.com: letters, digits and hyphens"],
    });
  }
  return `https://${region.subdomain.toLowerCase()}.zendesk.com/sc`;
}

export function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}
