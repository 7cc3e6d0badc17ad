// Who is at the other end of a request. The HTTP server (scripts/serve.ts) works it out from the socket and, only
// for as many proxies as TRUSTED_PROXY_HOPS says stand in front of it, from X-Forwarded-For; it then sets
// CLIENT_ADDRESS_HEADER on every request, replacing whatever a client sent under that name. Code inside the app reads
// that header and nothing else: a client-set X-Forwarded-For never decides whom throttling counts against.

export const CLIENT_ADDRESS_HEADER = "x-sunbridge-client-address";

const UNKNOWN = "unknown";

/**
 * The client's address: the socket's peer, or, behind `trustedHops` proxies, the address the outermost trusted proxy
 * saw. Each proxy appends its peer to X-Forwarded-For, so the rightmost `trustedHops` entries were written by trusted
 * proxies and the entry they name is the last one a client could not forge. Missing entries (fewer hops than
 * configured) fall back to the leftmost one, which is still the nearest to the client anybody vouches for.
 */
export function resolveClientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trustedHops: number): string {
  const socket = normalize(socketAddress);
  if (trustedHops <= 0) return socket;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((entry) => normalize(entry))
    .filter((entry) => entry !== UNKNOWN);
  if (hops.length === 0) return socket;
  return hops[Math.max(0, hops.length - trustedHops)]!;
}

/** IPv4-mapped IPv6 as plain IPv4, whitespace and ports gone; anything that is not an address is unknown. */
function normalize(address: string | undefined): string {
  let value = (address ?? "").trim();
  if (value.startsWith("[")) value = value.slice(1, value.indexOf("]") > 0 ? value.indexOf("]") : undefined);
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  if (value.toLowerCase().startsWith("::ffff:") && value.includes(".")) value = value.slice(7);
  return /^[0-9a-f:.]{2,45}$/i.test(value) ? value.toLowerCase() : UNKNOWN;
}

/** The address the server vouched for; "unknown" when the request did not come through it. */
export function clientAddressOf(headers: Headers | Record<string, string | string[] | undefined> | undefined): string {
  const value = headers instanceof Headers ? headers.get(CLIENT_ADDRESS_HEADER) : headers?.[CLIENT_ADDRESS_HEADER];
  const address = Array.isArray(value) ? value[0] : value;
  return address && /^[0-9a-f:.]{2,45}$/i.test(address) ? address : UNKNOWN;
}
