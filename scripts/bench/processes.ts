// The benchmarks' child processes (the app under test, load generators): started with extra environment, stopped
// with SIGTERM, all of them at the end whatever happened, and waited for until they answer.
import { spawn, type ChildProcess } from "node:child_process";

const children = new Set<ChildProcess>();

export function start(command: string, args: string[], env: Record<string, string> = {}) {
  const child = spawn(command, args, { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, ...env } });
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

export async function stop(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

export const stopAll = () => Promise.all([...children].map(stop));

/** Until `url` answers at all: the servers listen only once ready. */
export async function waitFor(url: string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answered = await fetch(url, { method: "HEAD" }).then(() => true, () => false);
    if (answered) return;
    if (Date.now() > deadline) throw new Error(`${url} did not come up`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
