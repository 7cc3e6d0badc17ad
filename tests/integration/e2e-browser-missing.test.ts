// A fresh machine without a browser: `npm run test:e2e` stops with one line that says how to get one, before its
// web server starts building the app (minutes, for nothing).
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { runCommand } from "@/tests/support/command";

const root = path.resolve(import.meta.dirname, "../..");
const scratch = mkdtempSync(path.join(tmpdir(), "sunbridge-no-browser-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

it("stops before the web server starts, with one line naming the ways to get a browser", { timeout: 120_000 }, async () => {
  // PATH holds node alone; Playwright's download folder is empty; CHROMIUM_PATH names nothing.
  const bin = path.join(scratch, "bin");
  const emptyBrowsers = path.join(scratch, "ms-playwright");
  mkdirSync(bin);
  mkdirSync(emptyBrowsers);
  symlinkSync(process.execPath, path.join(bin, "node"));

  const nowhere = path.join(scratch, "nowhere", "chromium");
  const env = { PATH: bin, HOME: scratch, CHROMIUM_PATH: nowhere, PLAYWRIGHT_BROWSERS_PATH: emptyBrowsers, E2E_PORT: "3199", CI: "1" };
  const { code, output } = await runCommand(process.execPath, [path.join(root, "node_modules/@playwright/test/cli.js"), "test"], { cwd: root, env });

  expect(code).not.toBe(0);
  const lines = output.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(`CHROMIUM_PATH (${nowhere}) is not an executable file`);
  for (const way of ["PATH (chromium, google-chrome…)", "npx playwright install chromium"]) expect(lines[0]).toContain(way);
  expect(output).not.toMatch(/WebServer|building/i);
});
