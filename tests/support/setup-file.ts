// Before each test file: settings come from vitest.config.ts's env, read afresh; and, as no test runs inside a Next.js
// request, who is signed in is whatever builders.ts's actAs() says, and revalidatePath is a spy. (The session cookie's
// own test unmocks the session to read the real one.)
import { vi } from "vitest";
import { resetEnvForTests } from "@/lib/env";

vi.mock("@/lib/auth/current-session", () => ({ getCurrentSession: vi.fn() }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

resetEnvForTests();
