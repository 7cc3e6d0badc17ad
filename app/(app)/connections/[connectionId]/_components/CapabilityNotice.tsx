import type { CapabilityCheck } from "@/lib/connections";

/** Why a part of the settings is read-only or unavailable for this connection's credentials. */
export function CapabilityNotice({ check }: { check: CapabilityCheck }) {
  if (check.allowed) return null;
  return (
    <p className="alert info" role="note">
      {check.reason}
    </p>
  );
}
