// Which Chromium the end-to-end tests drive: CHROMIUM_PATH, else a Chromium or Chrome on PATH (or in macOS's
// Applications), else the one `npx playwright install chromium` downloaded. Playwright never downloads one itself.
import { accessSync, constants, statSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";

/** Looked for on PATH, in this order. */
export const BROWSER_COMMANDS = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"];

const MACOS_APPLICATIONS = ["Google Chrome.app/Contents/MacOS/Google Chrome", "Chromium.app/Contents/MacOS/Chromium"];

const WAYS_TO_GET_ONE =
  "set CHROMIUM_PATH to a Chromium or Chrome executable, put one on PATH (chromium, google-chrome…), " +
  "or run `npx playwright install chromium`.";

export const NO_BROWSER = `No Chromium or Chrome found for the end-to-end tests: ${WAYS_TO_GET_ONE}`;

export interface BrowserSearch {
  env: { CHROMIUM_PATH?: string; PATH?: string };
  platform: NodeJS.Platform;
  homeDir: string;
  isExecutable(file: string): boolean;
  /** Where Playwright's own Chromium is (or would be) installed; undefined when this platform has none. */
  playwrightChromium(): string | undefined;
}

export type BrowserChoice = { executablePath: string; source: string } | { problem: string };

export function findBrowser(search: BrowserSearch = systemSearch()): BrowserChoice {
  const { env, platform, isExecutable } = search;
  if (env.CHROMIUM_PATH) {
    // A browser named explicitly and missing is a mistake to report, not a reason to quietly use another one.
    if (isExecutable(env.CHROMIUM_PATH)) return { executablePath: env.CHROMIUM_PATH, source: "CHROMIUM_PATH" };
    return { problem: `CHROMIUM_PATH (${env.CHROMIUM_PATH}) is not an executable file: ${WAYS_TO_GET_ONE}` };
  }
  const onPath = commandsOnPath(env.PATH ?? "", platform).find(isExecutable);
  if (onPath) return { executablePath: onPath, source: "PATH" };
  if (platform === "darwin") {
    const applications = ["/Applications", path.join(search.homeDir, "Applications")].flatMap((dir) =>
      MACOS_APPLICATIONS.map((app) => path.posix.join(dir, app)),
    );
    const installed = applications.find(isExecutable);
    if (installed) return { executablePath: installed, source: "Applications" };
  }
  const downloaded = search.playwrightChromium();
  if (downloaded && isExecutable(downloaded)) return { executablePath: downloaded, source: "npx playwright install" };
  return { problem: NO_BROWSER };
}

function commandsOnPath(pathVariable: string, platform: NodeJS.Platform): string[] {
  const delimiter = platform === "win32" ? ";" : ":";
  const names = platform === "win32" ? BROWSER_COMMANDS.map((name) => `${name}.exe`) : BROWSER_COMMANDS;
  const dirs = pathVariable.split(delimiter).filter(Boolean);
  return names.flatMap((name) => dirs.map((dir) => path.join(dir, name)));
}

/** This machine: its environment, platform and files. */
export function systemSearch(): BrowserSearch {
  return {
    env: { CHROMIUM_PATH: process.env.CHROMIUM_PATH, PATH: process.env.PATH },
    platform: process.platform,
    homeDir: homedir(),
    isExecutable,
    playwrightChromium: () => {
      try {
        return chromium.executablePath();
      } catch {
        // Playwright ships no Chromium build for this platform.
        return undefined;
      }
    },
  };
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** For playwright.config.ts: the browser to launch, or one line saying how to get one and exit before any build. */
export function browserOrExit(): string {
  const choice = findBrowser();
  if ("executablePath" in choice) return choice.executablePath;
  console.error(choice.problem);
  process.exit(1);
}
