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

/** CPU seconds of a process and its direct children (a PostgreSQL postmaster and its backends). */
export function treeCpuSeconds(pid: number): number {
  let total = cpuSecondsOf(pid);
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
