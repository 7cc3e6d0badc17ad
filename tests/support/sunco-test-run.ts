// What one run of the SunCo acceptance tests creates in a tenant's app, and how it removes exactly that: users with
// external ids `sunbridge-live-test-<run>-<n>` and the run's id in their metadata, conversations with it in theirs.
// A run is written to a ledger before it creates anything, so that a run which crashed is cleaned up by the next.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SuncoError, type SuncoClient } from "@/lib/sunco";

export const LIVE_TEST_TAG = "sunbridge-live-test";
/** Users a run may create: cleaning up a crashed run looks each of them up (SunCo cannot list an app's users). */
export const USERS_PER_RUN = 20;

export function externalIdOf(runId: string, slot: number): string {
  return `${LIVE_TEST_TAG}-${runId}-${slot}`;
}

export class TestRun {
  private slotsUsed = 0;

  constructor(readonly id: string = `${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`) {}

  /** Tags a user or conversation as this run's. */
  get metadata(): Record<string, string> {
    return { [LIVE_TEST_TAG]: this.id };
  }

  nextExternalId(): string {
    if (this.slotsUsed === USERS_PER_RUN) throw new Error(`A test run creates at most ${USERS_PER_RUN} users.`);
    this.slotsUsed += 1;
    return externalIdOf(this.id, this.slotsUsed);
  }

  isOurs(record: { metadata?: Record<string, unknown> | null }): boolean {
    return record.metadata?.[LIVE_TEST_TAG] === this.id;
  }
}

async function unlessNotFound<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof SuncoError && error.kind === "not_found") return undefined;
    throw error;
  }
}

/** The run's users that exist in the client's app (only those carrying its tag, whatever else is named like them). */
export async function usersOfRun(client: SuncoClient, run: TestRun) {
  const users = [];
  for (let slot = 1; slot <= USERS_PER_RUN; slot++) {
    const user = await unlessNotFound(client.users.get(externalIdOf(run.id, slot)));
    if (user && run.isOurs(user)) users.push(user);
  }
  return users;
}

/**
 * Deletes what `run` created in the client's app: its tagged group conversations, then its tagged users (SunCo
 * deletes a user's own conversations with it). Anything without the run's tag is left alone, whatever its name.
 */
export async function cleanUpRun(client: SuncoClient, run: TestRun): Promise<void> {
  for (const user of await usersOfRun(client, run)) {
    for await (const conversation of client.conversations.iterate({ userId: user.id })) {
      if (conversation.type === "sdkGroup" && run.isOurs(conversation)) await unlessNotFound(client.conversations.delete(conversation.id));
    }
    await unlessNotFound(client.users.delete(user.id));
  }
}

interface LedgerEntry {
  runId: string;
  appId: string;
  pid: number;
  startedAt: string;
}

/** The runs started on this machine and not yet cleaned up, in a JSON file. */
export class RunLedger {
  constructor(private readonly file: string) {}

  private read(): LedgerEntry[] {
    if (!existsSync(this.file)) return [];
    return (JSON.parse(readFileSync(this.file, "utf8")) as { runs: LedgerEntry[] }).runs;
  }

  private write(runs: LedgerEntry[]) {
    mkdirSync(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify({ runs }, null, 2)}\n`);
    renameSync(temporary, this.file);
  }

  /** `pid`: the process that runs it, which cleans it up itself while alive. */
  start(run: TestRun, appId: string, pid = process.pid) {
    this.write([...this.read(), { runId: run.id, appId, pid, startedAt: new Date().toISOString() }]);
  }

  finish(run: TestRun) {
    this.write(this.read().filter((entry) => entry.runId !== run.id));
  }

  /** Runs on `appId` whose process is gone: they crashed or were interrupted before cleaning up. */
  abandoned(appId: string): TestRun[] {
    return this.read()
      .filter((entry) => entry.appId === appId && !isRunning(entry.pid))
      .map((entry) => new TestRun(entry.runId));
  }
}

function isRunning(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Cleans up every abandoned run of the ledger on the client's app, then forgets it. */
export async function cleanUpAbandonedRuns(client: SuncoClient, ledger: RunLedger): Promise<TestRun[]> {
  const runs = ledger.abandoned(client.appId);
  for (const run of runs) {
    await cleanUpRun(client, run);
    ledger.finish(run);
  }
  return runs;
}
