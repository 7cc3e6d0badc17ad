// Where an event endpoint may point: https, and only public addresses — checked when an endpoint is saved and again
// at every delivery, where the connection goes to the very address that was checked (a DNS answer that changes
// between the check and the connection cannot switch it to a private one). Development and tests may allow private
// addresses and http (EVENT_ENDPOINTS_ALLOW_PRIVATE, on by default outside production).
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { Agent } from "undici";
import { env } from "@/lib/env";
import { processSingleton } from "@/lib/singletons";

const blocked = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) {
  blocked.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [["::", 128], ["::1", 128], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8], ["64:ff9b::", 96]] as const) {
  blocked.addSubnet(network, prefix, "ipv6");
}

/** True for loopback, private, link-local, shared, multicast and reserved addresses (IPv4-mapped IPv6 included). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return blocked.check(mapped[1]!, "ipv4");
  const family = isIP(address);
  if (family === 0) return true;
  return blocked.check(address, family === 4 ? "ipv4" : "ipv6");
}

export class EndpointAddressError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EndpointAddressError";
  }
}

/** Why `url` may not be an event endpoint, or null. Hostnames are resolved at delivery, not here. */
export function endpointUrlProblem(url: string, allowPrivate = env().eventEndpoints.allowPrivate): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "must be an absolute URL";
  }
  if (parsed.username || parsed.password) return "must not carry a user name or password";
  if (parsed.protocol !== "https:" && !(allowPrivate && parsed.protocol === "http:")) return "must be an https:// URL";
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  if (!allowPrivate && isIP(host) !== 0 && isPrivateAddress(host)) return "must not point at a private, loopback or link-local address";
  if (!allowPrivate && (host === "localhost" || host.endsWith(".localhost"))) return "must not point at this machine";
  return null;
}

/** Resolves like dns.lookup, and refuses the connection when any address the name resolves to is not public. */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { all: true, family: options.family ?? 0 }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, "", 0);
    const refused = addresses.find((entry) => isPrivateAddress(entry.address));
    if (refused || addresses.length === 0) {
      const reason = refused ? `${hostname} resolves to ${refused.address}, which is not a public address` : `${hostname} has no address`;
      return callback(new EndpointAddressError(reason), "", 0);
    }
    if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
};

const dispatchers = () => processSingleton("eventDispatchers", () => ({ publicOnly: undefined as Agent | undefined, any: undefined as Agent | undefined }));

/** The dispatcher deliveries use: one that connects to public addresses only, unless private ones are allowed. */
export function deliveryDispatcher(allowPrivate = env().eventEndpoints.allowPrivate): Agent {
  const held = dispatchers();
  if (allowPrivate) return (held.any ??= new Agent({ connections: 50 }));
  return (held.publicOnly ??= new Agent({ connections: 50, connect: { lookup: publicOnlyLookup } }));
}

/** Checks the URL again at delivery (an IP literal is never looked up, so it is checked here). */
export function assertDeliverable(url: string, allowPrivate = env().eventEndpoints.allowPrivate): void {
  const problem = endpointUrlProblem(url, allowPrivate);
  if (problem) throw new EndpointAddressError(`The endpoint URL ${problem}.`);
}
