// CPU time of processes on this machine, from /proc (Linux): what a benchmark step cost, whatever else ran meanwhile.
import { readdirSync, readFileSync } from "node:fs";

function statFields(pid: number): string[] {
  return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
}

/** CPU seconds (user + system) process `pid` used so far; 0 once it is gone. */
export function cpuSecondsOf(pid: number): number {
  try {
    const fields = statFields(pid);
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

export function parentOf(pid: number): number {
  return Number(statFields(pid)[1]);
}

/**
 * CPU seconds of a process and its direct children, living or ended (a PostgreSQL postmaster and its backends: a
 * backend that ended meanwhile counts in the postmaster's children's time, not among the living).
 */
export function treeCpuSeconds(pid: number): number {
  let total: number;
  try {
    const fields = statFields(pid);
    total = (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return 0;
  }
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (parentOf(Number(entry)) === pid) total += cpuSecondsOf(Number(entry));
    } catch {
      // The process ended meanwhile.
    }
  }
  return total;
}
