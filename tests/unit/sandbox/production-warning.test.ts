// A production instance running the sandbox says so at start-up and on every page; any other instance says nothing.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { Logger } from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SandboxBanner } from "@/app/_components/SandboxBanner";
import { resetEnvForTests } from "@/lib/env";
import { warnOfSandboxInProduction } from "@/lib/sandbox/production-warning";

const PRODUCTION = { SUNBRIDGE_MODE: "production", DATABASE_URL: "postgres://db.invalid/x" };

afterEach(() => {
  vi.restoreAllMocks();
  resetEnvForTests();
});

function startUp() {
  const warnings: unknown[][] = [];
  const log = { warn: (...args: unknown[]) => warnings.push(args) } as unknown as Logger;
  const console = vi.spyOn(globalThis.console, "warn").mockImplementation(() => undefined);
  warnOfSandboxInProduction(log);
  return { warnings, printed: console.mock.calls.map((call) => String(call[0])).join("\n") };
}

describe("a sandbox in production", () => {
  it("is announced at start-up, in the log and on the console, and on pages", () => {
    resetEnvForTests({ ...PRODUCTION, SANDBOX_ENABLED: "true" });
    const { warnings, printed } = startUp();
    expect(warnings).toEqual([[{ sandboxTokenSet: false, trustedProxyHops: 0 }, "SunCo sandbox enabled: not for real tenants"]]);
    expect(printed).toContain("SUNCO SANDBOX ENABLED: NOT FOR REAL TENANTS");
    expect(renderToStaticMarkup(createElement(SandboxBanner))).toContain("SunCo sandbox enabled: not for real tenants.");
  });

  it.each([
    ["production without the sandbox", { ...PRODUCTION, SANDBOX_ENABLED: undefined }],
    ["development with it", { SUNBRIDGE_MODE: "development", SANDBOX_ENABLED: "true" }],
    ["the tests with it", { SUNBRIDGE_MODE: "test", SANDBOX_ENABLED: "true" }],
  ])("is not announced in %s", (_, settings) => {
    resetEnvForTests(settings);
    const { warnings, printed } = startUp();
    expect(warnings).toEqual([]);
    expect(printed).toBe("");
    expect(renderToStaticMarkup(createElement(SandboxBanner))).toBe("");
  });
});
