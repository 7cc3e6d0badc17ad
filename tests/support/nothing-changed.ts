// What authorization tables check after a refusal: every row an organization owns, and whether anything reached SunCo.
import { sql } from "@/lib/db";
import type { StartedSandbox } from "./sandbox-server";

/** Every row `organizationId` owns in `tables`, in a stable order. */
export async function organizationRows(organizationId: string, tables: readonly string[]) {
  const read = await Promise.all(
    tables.map(async (table) => {
      const { rows } = await sql().query(`SELECT * FROM "${table}" WHERE "organizationId" = $1`, [organizationId]);
      return [table, rows.map((row) => JSON.stringify(row)).sort()] as const;
    }),
  );
  return Object.fromEntries(read);
}

/**
 * Runs `work` with a tripwire in the sandbox: a fault every SunCo API request meets and uses up (a negligible
 * delay), so its count says whether anything was asked of SunCo. Resolves to the number of requests made.
 */
export async function suncoRequestsDuring(sandbox: StartedSandbox, work: () => Promise<void>): Promise<number> {
  const TRIPWIRE = 1_000_000;
  const tripwire = await sandbox.control.delayNext(TRIPWIRE, 1);
  try {
    await work();
    const left = (await sandbox.control.faults()).find((fault) => fault.id === tripwire.id);
    return TRIPWIRE - (left?.times as number);
  } finally {
    await sandbox.control.clearFaults();
  }
}
