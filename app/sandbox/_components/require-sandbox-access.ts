// Every page under /sandbox calls this: the simulator and the delivery log steer and show the sandbox, so they answer
// only where its /_control does (clients on this machine, or with SANDBOX_TOKEN), and not at all when it is off.
// Each page checks for itself: a layout is not re-rendered when the browser moves between its pages.
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { env } from "@/lib/env";
import { maySteerMountedSandbox } from "@/lib/sandbox/mounted";

export async function requireSandboxAccess(): Promise<void> {
  if (!env().sunco.sandbox || !maySteerMountedSandbox(await headers())) notFound();
}
