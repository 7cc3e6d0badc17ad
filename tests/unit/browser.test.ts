// How the end-to-end tests find a browser on any developer's machine, in the documented order.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findBrowser, NO_BROWSER, systemSearch, type BrowserSearch } from "@/tests/support/browser";

/** A machine where exactly `executables` exist. */
function machine(overrides: Partial<BrowserSearch> & { executables?: string[] }): BrowserSearch {
  const executables = new Set(overrides.executables ?? []);
  return {
    env: {},
    platform: "linux",
    homeDir: "/home/dev",
    isExecutable: (file) => executables.has(file),
    playwrightChromium: () => "/home/dev/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome",
    ...overrides,
  };
}

const PLAYWRIGHT_CHROMIUM = "/home/dev/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome";

describe("finding the browser for the end-to-end tests", () => {
  it("uses CHROMIUM_PATH first, before anything on PATH or downloaded by Playwright", () => {
    const found = findBrowser(
      machine({
        env: { CHROMIUM_PATH: "/opt/chrome/chrome", PATH: "/usr/bin" },
        executables: ["/opt/chrome/chrome", "/usr/bin/chromium", PLAYWRIGHT_CHROMIUM],
      }),
    );
    expect(found).toEqual({ executablePath: "/opt/chrome/chrome", source: "CHROMIUM_PATH" });
  });

  it("reports a CHROMIUM_PATH that names no executable instead of quietly using another browser", () => {
    const found = findBrowser(machine({ env: { CHROMIUM_PATH: "/nowhere/chrome", PATH: "/usr/bin" }, executables: ["/usr/bin/chromium"] }));
    expect(found).toEqual({ problem: expect.stringContaining("CHROMIUM_PATH (/nowhere/chrome) is not an executable file") });
    expect(found).toEqual({ problem: expect.stringContaining("npx playwright install chromium") });
  });

  it("finds Chromium or Chrome on PATH, by name in the documented order, whichever directory holds it", () => {
    const env = { PATH: "/usr/local/bin:/usr/bin:/snap/bin" };
    expect(findBrowser(machine({ env, executables: ["/usr/local/bin/google-chrome", "/snap/bin/chromium"] }))).toEqual({
      executablePath: "/snap/bin/chromium",
      source: "PATH",
    });
    expect(findBrowser(machine({ env, executables: ["/usr/bin/chromium-browser", PLAYWRIGHT_CHROMIUM] }))).toMatchObject({
      executablePath: "/usr/bin/chromium-browser",
    });
    expect(findBrowser(machine({ env, executables: ["/usr/bin/google-chrome-stable"] }))).toMatchObject({
      executablePath: "/usr/bin/google-chrome-stable",
    });
    expect(findBrowser(machine({ env, executables: ["/usr/bin/chrome"] }))).toMatchObject({ executablePath: "/usr/bin/chrome" });
  });

  it("looks in macOS's Applications folders, the system's and the user's", () => {
    const chrome = "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome";
    const userChromium = "/Users/dev/Applications/Chromium.app/Contents/MacOS/Chromium";
    const mac = { platform: "darwin" as const, homeDir: "/Users/dev", env: { PATH: "/usr/bin" } };
    expect(findBrowser(machine({ ...mac, executables: [chrome, PLAYWRIGHT_CHROMIUM] }))).toEqual({
      executablePath: chrome,
      source: "Applications",
    });
    expect(findBrowser(machine({ ...mac, executables: [userChromium] }))).toMatchObject({ executablePath: userChromium });
    expect(findBrowser(machine({ env: { PATH: "/usr/bin" }, executables: [chrome] }))).toEqual({ problem: NO_BROWSER });
  });

  it("falls back to the Chromium `npx playwright install chromium` downloaded, when it is there", () => {
    expect(findBrowser(machine({ env: { PATH: "/usr/bin" }, executables: [PLAYWRIGHT_CHROMIUM] }))).toEqual({
      executablePath: PLAYWRIGHT_CHROMIUM,
      source: "npx playwright install",
    });
    expect(findBrowser(machine({ env: { PATH: "/usr/bin" } }))).toEqual({ problem: NO_BROWSER });
    expect(findBrowser(machine({ playwrightChromium: () => undefined }))).toEqual({ problem: NO_BROWSER });
  });

  it("reads Windows's PATH and .exe names", () => {
    const found = findBrowser(
      machine({ platform: "win32", env: { PATH: "C:\\Tools;C:\\Chrome" }, executables: [path.join("C:\\Chrome", "chrome.exe")] }),
    );
    expect(found).toMatchObject({ source: "PATH" });
  });

  it("says in one line, when nothing is found, every way to get a browser", () => {
    expect(NO_BROWSER).not.toContain("\n");
    for (const way of ["CHROMIUM_PATH", "PATH", "npx playwright install chromium"]) expect(NO_BROWSER).toContain(way);
  });
});

describe("on this machine's file system", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "sunbridge-browser-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("takes only executable files: not a directory, not a file without the execute bit", () => {
    const [first, second, third] = ["a", "b", "c"].map((name) => path.join(dir, name));
    mkdirSync(path.join(first!, "chromium"), { recursive: true });
    mkdirSync(second!);
    writeFileSync(path.join(second!, "chromium"), "not a program");
    mkdirSync(third!);
    writeFileSync(path.join(third!, "google-chrome"), "#!/bin/sh\n");
    chmodSync(path.join(third!, "google-chrome"), 0o755);
    const search = { ...systemSearch(), env: { PATH: [first, second, third].join(path.delimiter) }, playwrightChromium: () => undefined };
    expect(findBrowser(search)).toEqual({ executablePath: path.join(third!, "google-chrome"), source: "PATH" });
  });
});
