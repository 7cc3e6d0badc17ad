// The SunCo app the client's acceptance tests run against: the standalone sandbox (in `npm test`), or a partner's
// real app named by SUNCO_LIVE_* (in `npm run test:live`). The tests are written once, against this.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createSuncoClient, type SuncoClient } from "@/lib/sunco";
import { startSandbox } from "./sandbox-server";
import { readLiveSettings, TARGET_VARIABLE, type LiveSettings } from "./sunco-live-settings";
import { appKeyCredentials, sandboxClient } from "./sunco-client";
import { cleanUpAbandonedRuns, cleanUpRun, RunLedger, TestRun, usersOfRun } from "./sunco-test-run";

export interface SuncoTarget {
  /** An app key's client for the target app. */
  client: SuncoClient;
  /** Tags what the tests create, so that only that is deleted. */
  run: TestRun;
  /** Deletes what the run created (and fails when anything of it is left), then lets go of the target. */
  close(): Promise<void>;
}

const LEDGER_FILE = path.resolve(import.meta.dirname, "../../.data/sunco-live-test-runs.json");

export async function openTarget(): Promise<SuncoTarget> {
  if (process.env[TARGET_VARIABLE] !== "live") return openSandboxTarget();
  const settings = readLiveSettings(process.env);
  if ("refusal" in settings) throw new Error(settings.refusal);
  return openTargetOn(liveClient(settings), new RunLedger(LEDGER_FILE));
}

export function liveClient(settings: LiveSettings): SuncoClient {
  return createSuncoClient({
    appId: settings.appId,
    credentials: { type: "basic", keyId: settings.keyId, secret: settings.keySecret },
    region: { subdomain: settings.subdomain },
    // null, not undefined: SUNCO_API_BASE_URL (the app's own setting, the sandbox in development) must not apply.
    apiBaseUrl: settings.apiBaseUrl,
  });
}

/** The first fixture app of a sandbox started for this test file, with its app key. */
async function openSandboxTarget(): Promise<SuncoTarget> {
  const sandbox = await startSandbox();
  const client = sandboxClient(sandbox, appKeyCredentials(sandbox));
  const ledgerDir = mkdtempSync(path.join(tmpdir(), "sunbridge-acceptance-"));
  return openTargetOn(client, new RunLedger(path.join(ledgerDir, "runs.json")), async () => {
    await sandbox.stop();
    rmSync(ledgerDir, { recursive: true, force: true });
  });
}

/** Cleans up runs that crashed, then starts this one: in the ledger before it creates anything. */
async function openTargetOn(
  client: SuncoClient,
  ledger: RunLedger,
  release: () => Promise<void> = async () => {},
): Promise<SuncoTarget> {
  await cleanUpAbandonedRuns(client, ledger);
  const run = new TestRun();
  ledger.start(run, client.appId);
  return {
    client,
    run,
    async close() {
      try {
        await cleanUpRun(client, run);
        const left = await usersOfRun(client, run);
        if (left.length > 0) throw new Error(`Test run ${run.id} left users behind: ${left.map((user) => user.externalId).join(", ")}`);
        ledger.finish(run);
      } finally {
        await release();
      }
    },
  };
}
