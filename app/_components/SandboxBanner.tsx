import { SANDBOX_IN_PRODUCTION, sandboxInProduction } from "@/lib/sandbox/production-warning";

/** On every page of a production instance that runs the SunCo sandbox (lib/sandbox/production-warning.ts). */
export function SandboxBanner() {
  if (!sandboxInProduction()) return null;
  return (
    <p className="sandbox-banner">
      <strong>{SANDBOX_IN_PRODUCTION}.</strong> Connections here reach the built-in SunCo emulator, not Zendesk.
    </p>
  );
}
