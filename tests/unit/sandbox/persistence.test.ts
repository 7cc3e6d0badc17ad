import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readSnapshot, writeSnapshot } from "@/lib/sandbox/persistence";
import { createSandbox } from "@/lib/sandbox/sandbox";

const directory = () => mkdtempSync(path.join(tmpdir(), "sandbox-snapshot-"));

describe("sandbox persistence", () => {
  it("a saved state comes back as it was, with the partner's client registered for the current app URL", () => {
    const file = path.join(directory(), "sandbox.json");
    const first = createSandbox({ appUrl: "http://localhost:3000" });
    first.context.state.apps.get(first.fixtures.apps[0]!.id)!.displayName = "Renamed";
    writeSnapshot(file, first.snapshot());

    const second = createSandbox({ appUrl: "http://localhost:4000", snapshot: readSnapshot(file) });
    expect(second.context.state.apps.get(first.fixtures.apps[0]!.id)!.displayName).toBe("Renamed");
    expect(second.context.state.oauthClients.all()[0]!.redirectUris).toEqual(["http://localhost:4000/api/oauth/sunco/callback"]);
  });

  it("closes the deliveries a previous run left unfinished, since their retries died with it", () => {
    const first = createSandbox({ appUrl: "http://localhost:3000" });
    first.context.state.deliveries.insert({
      id: "5f1a00000000000000000001",
      kind: "webhook",
      appId: first.fixtures.apps[0]!.id,
      target: "http://127.0.0.1:9/hook",
      eventIds: [],
      eventTypes: ["conversation:message"],
      body: {},
      state: "retrying",
      attempts: [{ number: 1, startedAt: "2026-01-01T00:00:00.000Z", durationMs: 3, status: 503 }],
      createdAt: "2026-01-01T00:00:00.000Z",
    });
    const second = createSandbox({ appUrl: "http://localhost:3000", snapshot: first.snapshot() });
    const [delivery] = second.context.state.deliveries.all();
    expect(delivery!.state).toBe("failed");
    expect(delivery!.attempts.at(-1)).toMatchObject({ number: 2, status: null, error: "The sandbox restarted before this delivery finished" });
  });

  it("sets an unreadable file aside instead of overwriting it, and starts from the fixtures", () => {
    const dir = directory();
    const file = path.join(dir, "sandbox.json");
    writeFileSync(file, "{ not json");
    const warnings: string[] = [];
    expect(readSnapshot(file, (message) => warnings.push(message))).toBeUndefined();
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir).some((name) => name.startsWith("sandbox.json.unreadable-"))).toBe(true);
    expect(warnings[0]).toMatch(/could not read/);
  });

  it("no file means no saved state", () => {
    expect(readSnapshot(path.join(directory(), "missing.json"))).toBeUndefined();
  });
});
