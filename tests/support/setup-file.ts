// Before each test file: settings come from vitest.config.ts's env, read afresh.
import { resetEnvForTests } from "@/lib/env";

resetEnvForTests();
