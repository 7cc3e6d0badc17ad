// What `npm run test:live` may delete in a partner's real SunCo app: only the users and group conversations its own
// runs tagged, including those of a run that crashed before cleaning up; never anything else.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SuncoClient } from "@/lib/sunco";
import { runCommand } from "@/tests/support/command";
import { startSandbox, type StartedSandbox } from "@/tests/support/sandbox-server";
import { appKeyCredentials, sandboxClient, suncoFailure } from "@/tests/support/sunco-client";
import { LIVE_SETTINGS } from "@/tests/support/sunco-live-settings";
import { cleanUpAbandonedRuns, externalIdOf, RunLedger, TestRun } from "@/tests/support/sunco-test-run";

const root = path.resolve(import.meta.dirname, "../..");
let sandbox: StartedSandbox;
let client: SuncoClient;
let scratch: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  client = sandboxClient(sandbox, appKeyCredentials(sandbox));
  scratch = mkdtempSync(path.join(tmpdir(), "sunbridge-live-cleanup-"));
});
afterAll(async () => {
  await sandbox.stop();
  rmSync(scratch, { recursive: true, force: true });
});

/** The id of a process that has exited: what a crashed run leaves in the ledger. */
function deadPid() {
  const child = spawnSync(process.execPath, ["-e", ""]);
  return child.pid!;
}

async function userOf(run: TestRun) {
  return client.users.create({ externalId: run.nextExternalId(), metadata: run.metadata });
}

async function groupOf(run: TestRun, userIds: string[]) {
  const participants = userIds.map((userId) => ({ userId, subscribeSDKClient: false }));
  return client.conversations.create({ type: "sdkGroup", participants, metadata: run.metadata });
}

describe("cleaning up after runs that crashed", () => {
  it("deletes a crashed run's tagged users and group conversations, and leaves everything else as it was", async () => {
    const ledger = new RunLedger(path.join(scratch, "runs.json"));
    const crashed = new TestRun("crashed");
    const running = new TestRun("running");
    const other = new TestRun("other");
    ledger.start(crashed, client.appId, deadPid());
    ledger.start(running, client.appId);

    // Named like the crashed run's third user, but not tagged as its: somebody else's, in a conversation of theirs.
    const lookalike = await client.users.create({ externalId: externalIdOf(crashed.id, 3) });
    const foreignGroup = await groupOf(other, [lookalike.id]);
    const first = await userOf(crashed);
    await client.conversations.create({ type: "personal", participants: [{ userId: first.id }], metadata: crashed.metadata });
    // The run's group outlives its user (another participant stays): it is deleted for its tag.
    const crashedGroup = await groupOf(crashed, [first.id, lookalike.id]);
    const second = await userOf(crashed);
    const stillRunning = await userOf(running);
    const integration = await client.integrations.create({
      type: "custom",
      displayName: "The partner's own bot",
      webhooks: [{ target: `${sandbox.url}/_control/fixtures`, triggers: ["conversation:message"] }],
    });
    const integrationsBefore = (await client.integrations.list()).items;
    const webhooksBefore = await sandbox.control.webhooks(client.appId);

    expect((await cleanUpAbandonedRuns(client, ledger)).map((run) => run.id)).toEqual(["crashed"]);

    for (const gone of [first, second]) expect((await suncoFailure(client.users.get(gone.id))).kind).toBe("not_found");
    expect((await suncoFailure(client.conversations.get(crashedGroup.id))).kind).toBe("not_found");
    expect((await client.conversations.get(foreignGroup.id)).id).toBe(foreignGroup.id);
    expect((await client.users.get(lookalike.id)).id).toBe(lookalike.id);
    expect((await client.users.get(stillRunning.id)).id).toBe(stillRunning.id);
    expect((await client.integrations.list()).items).toEqual(integrationsBefore);
    expect(await sandbox.control.webhooks(client.appId)).toEqual(webhooksBefore);
    expect(integrationsBefore.map((i) => i.id)).toContain(integration.id);
    expect(ledger.abandoned(client.appId)).toEqual([]);
    // The running run is still in the ledger, for its own process to clean up.
    ledger.finish(running);
    expect(new RunLedger(path.join(scratch, "runs.json")).abandoned(client.appId)).toEqual([]);
  });

  it("leaves runs on another app alone", async () => {
    const ledger = new RunLedger(path.join(scratch, "other-app.json"));
    const crashed = new TestRun("crashed-elsewhere");
    ledger.start(crashed, "65f0000000000000000000ff", deadPid());
    const user = await userOf(crashed);
    expect(await cleanUpAbandonedRuns(client, ledger)).toEqual([]);
    expect((await client.users.get(user.id)).id).toBe(user.id);
  });
});

describe("npm run test:live without a SunCo app", () => {
  it("refuses in one line naming the settings, and exits non-zero", { timeout: 60_000 }, async () => {
    const env: Record<string, string> = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? scratch };
    // Set and empty: a developer's .env with real settings must not turn this into a live run.
    for (const name of LIVE_SETTINGS) env[name] = "";
    const { code, output } = await runCommand("npm", ["run", "--silent", "test:live"], { cwd: root, env });
    expect(code).not.toBe(0);
    const lines = output.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("npm run test:live needs a SunCo app to test against");
    for (const name of LIVE_SETTINGS) expect(lines[0]).toContain(name);
  });
});
