// The sandbox the Next.js app serves at /sandbox/sc: one per process (lib/singletons.ts), so hot reloads reuse it
// (changes to lib/sandbox itself therefore apply after a restart). In development its state is saved to
// DATA_DIR/sandbox.json (attachments beside it) and reloaded at start. Its control plane and the app's simulator
// pages answer clients on this machine, or SANDBOX_TOKEN's holders (access.ts); in production its seeded keys are
// this instance's own, not the published ones.
import path from "node:path";
import { env, SANDBOX_MOUNT_PATH } from "@/lib/env";
import { clientAddressOf } from "@/lib/http/client-address";
import { logger } from "@/lib/log";
import { processSingleton } from "@/lib/singletons";
import { maySteerSandbox, type SandboxAccessPolicy } from "./access";
import { directoryAttachmentFiles, memoryAttachmentFiles } from "./attachment-files";
import { debouncedSnapshots, readSnapshot } from "./persistence";
import { createSandbox, type Sandbox } from "./sandbox";

interface Mounted {
  sandbox: Sandbox;
  /** Writes a pending snapshot now (development only). */
  flush(): void;
}

const holder = () => processSingleton("sandbox", () => ({ mounted: undefined as Mounted | undefined }));

export function mountedSandbox(): Sandbox {
  const held = holder();
  held.mounted ??= mount();
  return held.mounted.sandbox;
}

/** A request to /sandbox/sc, with the client address the app's server vouched for. */
export function serveMountedSandbox(request: Request): Promise<Response> {
  return mountedSandbox().fetch(request, { address: clientAddressOf(request.headers) });
}

/** Whether the requester of an app page under /sandbox may see it: the same rule as the sandbox's /_control. */
export function maySteerMountedSandbox(headers: Headers): boolean {
  return maySteerSandbox({ address: clientAddressOf(headers), headers }, accessPolicy());
}

function accessPolicy(): SandboxAccessPolicy {
  const settings = env();
  return { token: settings.SANDBOX_TOKEN, trustedProxyHops: settings.TRUSTED_PROXY_HOPS };
}

function mount(): Mounted {
  const settings = env();
  const persist = settings.mode === "development";
  const file = path.join(settings.DATA_DIR, "sandbox.json");
  const snapshots = persist ? debouncedSnapshots(file, () => sandbox.snapshot()) : undefined;
  const sandbox = createSandbox({
    appUrl: settings.APP_URL,
    timeScale: settings.sunco.sandboxTimeScale,
    basePath: SANDBOX_MOUNT_PATH,
    publicUrl: new URL(SANDBOX_MOUNT_PATH, settings.APP_URL).toString().replace(/\/+$/, ""),
    snapshot: persist ? readSnapshot(file, (message) => logger().warn(message)) : undefined,
    files: persist ? directoryAttachmentFiles(path.join(settings.DATA_DIR, "sandbox-attachments")) : memoryAttachmentFiles(),
    onChange: () => snapshots?.schedule(),
    access: { ...accessPolicy(), landingUrl: new URL("/sandbox/simulator", settings.APP_URL).toString() },
    // A deployed instance must not accept the keys the README prints; AUTH_SECRET is its own and already required.
    secretSeed: settings.isProduction ? settings.AUTH_SECRET : undefined,
  });
  return { sandbox, flush: () => snapshots?.flush() };
}

/** For tests: saves and stops the mounted sandbox, as a server restart would; the next call mounts it afresh. */
export function restartMountedSandboxForTests(): void {
  const held = holder();
  const mounted = held.mounted;
  if (!mounted) return;
  mounted.flush();
  mounted.sandbox.stop();
  held.mounted = undefined;
}
