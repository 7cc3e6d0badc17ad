// The sandbox the Next.js app serves at /sandbox/sc: one per process, kept on globalThis so hot reloads reuse it.
// In development its state is saved to DATA_DIR/sandbox.json (attachments beside it) and reloaded at start.
import path from "node:path";
import { env, SANDBOX_MOUNT_PATH } from "@/lib/env";
import { logger } from "@/lib/log";
import { directoryAttachmentFiles, memoryAttachmentFiles } from "./attachment-files";
import { debouncedSnapshots, readSnapshot } from "./persistence";
import { createSandbox, type Sandbox } from "./sandbox";

const holder = globalThis as typeof globalThis & { __sunbridgeSandbox?: Sandbox };

export function mountedSandbox(): Sandbox {
  holder.__sunbridgeSandbox ??= startMountedSandbox();
  return holder.__sunbridgeSandbox;
}

function startMountedSandbox(): Sandbox {
  const settings = env();
  const persist = settings.NODE_ENV === "development";
  const file = path.join(settings.DATA_DIR, "sandbox.json");
  const snapshots = persist ? debouncedSnapshots(file, () => sandbox.snapshot()) : undefined;
  const sandbox = createSandbox({
    appUrl: settings.APP_URL,
    timeScale: settings.sunco.sandboxTimeScale,
    verifyWebhookTargets: settings.sunco.sandboxVerifiesWebhookTargets,
    basePath: SANDBOX_MOUNT_PATH,
    publicUrl: new URL(SANDBOX_MOUNT_PATH, settings.APP_URL).toString().replace(/\/+$/, ""),
    snapshot: persist ? readSnapshot(file, (message) => logger().warn(message)) : undefined,
    files: persist ? directoryAttachmentFiles(path.join(settings.DATA_DIR, "sandbox-attachments")) : memoryAttachmentFiles(),
    onChange: () => snapshots?.schedule(),
  });
  return sandbox;
}
