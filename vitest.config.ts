import path from "node:path";
import { defineConfig } from "vitest/config";
import { TEST_VAPID_SETTINGS } from "./scripts/test-vapid-keys";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    // tests/acceptance runs against the standalone sandbox here, and against a real SunCo app in vitest.live.config.ts.
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts", "tests/acceptance/**/*.test.ts"],
    globalSetup: ["tests/support/global-setup.ts"],
    setupFiles: ["tests/support/setup-file.ts"],
    pool: "forks",
    // Each file gets its own database; two at a time keeps a 2-core machine busy without thrashing.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: {
      NODE_ENV: "test",
      // The test harness, like `npm run dev`, may use development defaults; every command that serves or changes real
      // data declares production (scripts/mode.ts).
      SUNBRIDGE_MODE: "test",
      LOG_LEVEL: "silent",
      AUTH_SECRET: "test-secret-test-secret-test-secret-0123456789",
      ENCRYPTION_KEYS: "test2:IkaCjUAZuNaCf6Hf8WUJvVq1c9E7aM0zDUY3B4I0C9Y,test1:Mv1YjTf2YAn3xSeL1Jzq2kdPpZUrDvO9g2EVXKT6m3M",
      APP_URL: "http://localhost:3999",
      DATA_DIR: ".data/test",
      // Tests that take on production rules need a VAPID pair as production does (lib/env.ts).
      ...TEST_VAPID_SETTINGS,
    },
  },
});
