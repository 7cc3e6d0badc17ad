// `npm run test:live`: the SunCo client's acceptance tests (tests/acceptance) against the real SunCo app named by
// SUNCO_LIVE_* (from the environment, .env or .env.local), instead of the sandbox `npm test` runs them against.
import nextEnv from "@next/env";
import { defineConfig } from "vitest/config";
import { readLiveSettings, TARGET_VARIABLE } from "./tests/support/sunco-live-settings";
import base from "./vitest.config";

nextEnv.loadEnvConfig(import.meta.dirname, true, { info: () => {}, error: console.error });
const settings = readLiveSettings(process.env);
if ("refusal" in settings) {
  console.error(settings.refusal);
  process.exit(1);
}

export default defineConfig({
  resolve: base.resolve,
  test: {
    include: ["tests/acceptance/**/*.test.ts"],
    setupFiles: base.test?.setupFiles,
    // A real SunCo over the internet: slower answers, and rate limits the client waits out.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // One file, one app: nothing to run side by side.
    maxWorkers: 1,
    env: { ...base.test?.env, [TARGET_VARIABLE]: "live" },
  },
});
