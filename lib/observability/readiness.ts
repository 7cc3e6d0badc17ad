// Readiness: can this instance do its work right now? The database answers and the job queue's schema is
// reachable. Each check is bounded so a hung dependency makes the probe fail instead of hang.
import { sql } from "@/lib/db";
import { jobQueue } from "@/lib/jobs";

const CHECK_TIMEOUT_MS = 2000;

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, { ok: boolean; latencyMs: number; error?: string }>;
}

async function timed(check: () => Promise<unknown>) {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

export async function checkReadiness(): Promise<ReadinessReport> {
  const [database, queue] = await Promise.all([
    timed(() => sql().query("SELECT 1")),
    timed(async () => {
      await jobQueue();
      await sql().query("SELECT version FROM pgboss.version");
    }),
  ]);
  return { ready: database.ok && queue.ok, checks: { database, queue } };
}
