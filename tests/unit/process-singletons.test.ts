// Process-wide state lives in one registry (lib/singletons.ts) that names each singleton's owner and reason; a module
// evaluated twice in one process (a hot reload, scripts/serve.ts beside Next.js's bundle) finds the same instance.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { PROCESS_SINGLETONS } from "@/lib/singletons";

const root = path.resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return relative === path.join("lib", "db", "generated") ? [] : sourceFiles(relative);
    return /\.tsx?$/.test(entry.name) ? [relative] : [];
  });
}

describe("process singletons", () => {
  it("are each made by the module the registry names as their owner", () => {
    for (const [name, why] of Object.entries(PROCESS_SINGLETONS)) {
      const owner = why.slice(0, why.indexOf(":"));
      const file = [`${owner}.ts`, `${owner}/index.ts`].find((candidate) => existsSync(path.join(root, candidate)));
      expect(file, `${name}'s owner ${owner}`).toBeDefined();
      expect(readFileSync(path.join(root, file!), "utf8"), name).toContain(`processSingleton("${name}"`);
    }
  });

  it("are kept nowhere else on globalThis", () => {
    const elsewhere = [...sourceFiles("lib"), ...sourceFiles("app"), ...sourceFiles("scripts")].filter(
      (file) => file !== path.join("lib", "singletons.ts") && /globalThis\s+as\b|globalThis\.__/.test(readFileSync(path.join(root, file), "utf8")),
    );
    expect(elsewhere).toEqual([]);
  });

  it("are shared by two copies of a module in one process", async () => {
    const first = await import("@/lib/log");
    vi.resetModules();
    const second = await import("@/lib/log");
    expect(second).not.toBe(first);
    expect(second.logger()).toBe(first.logger());
  });
});
