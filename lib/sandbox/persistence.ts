// Keeps a sandbox's state in a JSON file across restarts (development only): written shortly after changes,
// atomically, and read back at start. A file that cannot be read is set aside, never overwritten.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { StateSnapshot } from "./state";

const FORMAT_VERSION = 1;

interface SnapshotFile {
  version: number;
  savedAt: string;
  state: StateSnapshot;
}

export function readSnapshot(file: string, warn: (message: string) => void = console.warn): StateSnapshot | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as SnapshotFile;
    if (parsed.version !== FORMAT_VERSION || typeof parsed.state !== "object") {
      throw new Error(`unknown format version ${String(parsed.version)}`);
    }
    return parsed.state;
  } catch (error) {
    const aside = `${file}.unreadable-${Date.now()}`;
    renameSync(file, aside);
    warn(`SunCo sandbox: could not read ${file} (${(error as Error).message}); moved it to ${aside} and started from the fixtures.`);
    return undefined;
  }
}

export function writeSnapshot(file: string, state: StateSnapshot): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const body: SnapshotFile = { version: FORMAT_VERSION, savedAt: new Date().toISOString(), state };
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(body));
  renameSync(temporary, file);
}

/** Coalesces bursts of changes into one write `delayMs` after the last of them; `flush` writes a pending one now. */
export function debouncedSnapshots(file: string, snapshot: () => StateSnapshot, delayMs = 500) {
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    if (!timer) return;
    clearTimeout(timer);
    timer = undefined;
    writeSnapshot(file, snapshot());
  };
  return {
    schedule() {
      if (timer) clearTimeout(timer);
      timer = setTimeout(flush, delayMs);
      timer.unref();
    },
    flush,
  };
}
