// The sandbox the Next.js app serves at /sandbox/sc: one per process, kept on globalThis so hot reloads reuse it
// (changes to lib/sandbox itself therefore apply after a restart). In development its state is saved to
// DATA_DIR/sandbox.json (attachments beside it) and reloaded at start.
import path from "node:path";
import { env, SANDBOX_MOUNT_PATH } from "@/lib/env";
import { logger } from "@/lib/log";
import { directoryAttachmentFiles, memoryAttachmentFiles } from "./attachment-files";
import { debouncedSnapshots, readSnapshot } from "./persistence";
import { createSandbox, type Sandbox } from "./sandbox";

interface Mounted {
  sandbox: Sandbox;
  /** Writes a pending snapshot now (development only). */
  flush(): void;
}

const holder = globalThis as typeof globalThis & { __sunbridgeSandbox?: Mounted };

export function mountedSandbox(): Sandbox {
  holder.__sunbridgeSandbox ??= mount();
  return holder.__sunbridgeSandbox.sandbox;
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
  });
  return { sandbox, flush: () => snapshots?.flush() };
}

/** For tests: saves and stops the mounted sandbox, as a server restart would; the next call mounts it afresh. */
export function restartMountedSandboxForTests(): void {
  const mounted = holder.__sunbridgeSandbox;
  if (!mounted) return;
  mounted.flush();
  mounted.sandbox.stop();
  holder.__sunbridgeSandbox = undefined;
}
