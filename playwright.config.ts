import { defineConfig } from "@playwright/test";
import { browserOrExit } from "./tests/support/browser";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // One server on a 2-core machine: two browsers at a time is what it serves without timing noise.
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      // Resolved while the config loads, so that a machine without a browser stops before the web server builds.
      executablePath: browserOrExit(),
      // --no-sandbox: Chromium refuses to start as root (CI containers) with its sandbox on.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "app", testIgnore: /\.clock\.spec\.ts$/ },
    // Specs that move the sandbox's clock, which is the whole server's: after every other spec, one at a time, so no
    // spec sees SunCo's times ahead of Sunbridge's.
    { name: "sandbox-clock", testMatch: /\.clock\.spec\.ts$/, dependencies: ["app"], workers: 1 },
  ],
  webServer: {
    command: "npx tsx scripts/e2e-server.ts",
    url: `${baseURL}/sign-in`,
    timeout: 15 * 60_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: { E2E_PORT: String(port) },
  },
});
