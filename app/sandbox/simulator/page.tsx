import type { Metadata } from "next";
import { SANDBOX_MOUNT_PATH } from "@/lib/env";
import { mountedSandbox, simulatorApps } from "@/lib/sandbox";
import { requireSandboxAccess } from "../_components/require-sandbox-access";
import { Simulator } from "./_components/Simulator";

export const metadata: Metadata = { title: "End-user simulator" };
export const dynamic = "force-dynamic";

export default async function SimulatorPage() {
  await requireSandboxAccess();
  return (
    <>
      <h1>End-user simulator</h1>
      <p className="muted">
        Play a tenant&apos;s customer on the Web Messenger: everything here goes through the sandbox and fires the same webhooks as a
        real end user would.
      </p>
      <Simulator apps={simulatorApps(mountedSandbox())} controlPath={`${SANDBOX_MOUNT_PATH}/_control`} />
    </>
  );
}
