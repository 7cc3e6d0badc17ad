// A production instance that runs the SunCo sandbox says so loudly: in the log and on the console at start-up, and on
// every page (app/_components/SandboxBanner.tsx), so that nobody mistakes it for one fit for real tenants.
import { env } from "@/lib/env";
import type { Logger } from "pino";

export const SANDBOX_IN_PRODUCTION = "SunCo sandbox enabled: not for real tenants";

export function sandboxInProduction(): boolean {
  const settings = env();
  return settings.isProduction && settings.sunco.sandbox;
}

export function warnOfSandboxInProduction(log: Logger): void {
  if (!sandboxInProduction()) return;
  const { SANDBOX_TOKEN, TRUSTED_PROXY_HOPS } = env();
  log.warn({ sandboxTokenSet: Boolean(SANDBOX_TOKEN), trustedProxyHops: TRUSTED_PROXY_HOPS }, SANDBOX_IN_PRODUCTION);
  const rule = `  ${"!".repeat(100)}`;
  console.warn(
    [
      "",
      rule,
      `  !!  ${SANDBOX_IN_PRODUCTION.toUpperCase()}`,
      "  !!  SANDBOX_ENABLED=true: SunCo is the emulator mounted at /sandbox/sc, with its demo tenants and their data.",
      "  !!  Its control plane answers clients on this machine, and others only with SANDBOX_TOKEN; behind a proxy on",
      "  !!  this machine, set TRUSTED_PROXY_HOPS or every visitor looks local. Unset SANDBOX_ENABLED for real tenants.",
      rule,
      "",
    ].join("\n"),
  );
}
