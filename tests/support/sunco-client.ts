// Builders for SunCo client tests: clients on a test sandbox, and helpers to read what a call failed with.
import { expect } from "vitest";
import { createSuncoClient, SuncoError, type SuncoCallEvent, type SuncoClientConfig, type SuncoCredentials } from "@/lib/sunco";
import type { RetryPolicy } from "@/lib/sunco/retry-policy";
import type { StartedSandbox } from "./sandbox-server";

/** Retries fast enough for tests, with room for the fault scenarios (three failures before success). */
export const TEST_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 10, maxDelayMs: 50, budgetMs: 5_000, settleMs: 20 };

export function sandboxClient(
  sandbox: StartedSandbox,
  credentials: SuncoCredentials,
  overrides: Partial<SuncoClientConfig> & { events?: SuncoCallEvent[] } = {},
) {
  const { events, ...config } = overrides;
  return createSuncoClient({
    appId: sandbox.fixtures.apps[0]!.id,
    credentials,
    apiBaseUrl: sandbox.url,
    retry: TEST_RETRY_POLICY,
    observer: events ? { onCall: (event) => events.push(event) } : undefined,
    ...config,
  });
}

/** The first app key of the first fixture app (Acme), as Basic or JWT credentials. */
export function appKeyCredentials(sandbox: StartedSandbox, type: "basic" | "jwt" = "basic"): SuncoCredentials {
  const key = sandbox.fixtures.apps[0]!.appKeys[0]!;
  return { type, keyId: key.id, secret: key.secret };
}

/** What the call failed with; fails the test when it did not fail with a SuncoError. */
export async function suncoFailure(promise: Promise<unknown>): Promise<SuncoError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SuncoError);
  return error as SuncoError;
}

export async function collect<T>(iterable: AsyncIterable<T>, limit = Infinity): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) {
    items.push(item);
    if (items.length >= limit) break;
  }
  return items;
}
