import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EnvError, resetEnvForTests } from "@/lib/env";

afterAll(() => resetEnvForTests());

const problemsOf = (overrides: Record<string, string | undefined>) => {
  try {
    resetEnvForTests(overrides);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  return [];
};

describe("settings", () => {
  it("in production, refuse to start without a database URL and explicit secrets, naming each", () => {
    const problems = problemsOf({
      NODE_ENV: "production",
      DATABASE_URL: undefined,
      AUTH_SECRET: undefined,
      ENCRYPTION_KEYS: undefined,
    });
    expect(problems).toEqual([
      "DATABASE_URL: required when NODE_ENV=production (pglite:<directory> to use the embedded database)",
      "AUTH_SECRET: required when NODE_ENV=production",
      "ENCRYPTION_KEYS: required when NODE_ENV=production",
    ]);
  });

  it("in production, refuse to start without the public URL, naming it; elsewhere default it", () => {
    const production = { NODE_ENV: "production", DATABASE_URL: "pglite:/tmp/unused", APP_URL: undefined, PORT: "3001" };
    expect(problemsOf(production)).toEqual(["APP_URL: required when NODE_ENV=production (the public https:// URL)"]);
    expect(problemsOf({ ...production, APP_URL: "" })).toEqual(["APP_URL: required when NODE_ENV=production (the public https:// URL)"]);
    expect(problemsOf({ ...production, APP_URL: "https://bridge.example.com" })).toEqual([]);
    expect(problemsOf({ ...production, NODE_ENV: "test" })).toEqual([]);
  });

  it("default the app's URL to the port the app listens on, so the mounted sandbox is reachable there", () => {
    expect(resetEnvForTests({ APP_URL: undefined, PORT: "3001" }).APP_URL).toBe("http://localhost:3001");
    expect(resetEnvForTests({ APP_URL: undefined, PORT: "3001" }).sunco.apiBaseUrl).toBe("http://localhost:3001/sandbox/sc");
    expect(resetEnvForTests({ APP_URL: undefined, PORT: undefined }).APP_URL).toBe("http://localhost:3000");
    expect(resetEnvForTests({ APP_URL: undefined, PORT: "\\\\.\\pipe\\sunbridge" }).APP_URL).toBe("http://localhost:3000");
    expect(resetEnvForTests({ APP_URL: "https://bridge.example.com", PORT: "3001" }).APP_URL).toBe("https://bridge.example.com");
  });

  it("name every invalid value", () => {
    const problems = problemsOf({ APP_URL: "not a url", DATABASE_URL: "mysql://x", LOG_LEVEL: "loud", AUTH_SECRET: "short" });
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual(["APP_URL", "AUTH_SECRET", "DATABASE_URL", "LOG_LEVEL"]);
  });

  it("in development, generate missing secrets once and keep them in DATA_DIR", () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "sunbridge-env-"));
    const generated = { NODE_ENV: "development", AUTH_SECRET: undefined, ENCRYPTION_KEYS: undefined, DATA_DIR: dataDir };
    const first = resetEnvForTests(generated);
    const second = resetEnvForTests(generated);
    expect(first.AUTH_SECRET).toHaveLength(43);
    expect(first.ENCRYPTION_KEYS).toMatch(/^dev1:[\w-]{43}$/);
    expect(second.AUTH_SECRET).toBe(first.AUTH_SECRET);
    expect(second.ENCRYPTION_KEYS).toBe(first.ENCRYPTION_KEYS);
    const file = path.join(dataDir, "secrets.json");
    expect(JSON.parse(readFileSync(file, "utf8")).AUTH_SECRET).toBe(first.AUTH_SECRET);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("use the embedded database when DATABASE_URL is not set, or names it", () => {
    const implicit = resetEnvForTests({ DATABASE_URL: "", DATA_DIR: "/tmp/somewhere" });
    expect(implicit.postgresUrl).toBeUndefined();
    expect(implicit.pgliteDir).toBe("/tmp/somewhere/pglite");
    const named = resetEnvForTests({ DATABASE_URL: "pglite:/var/lib/sunbridge/db" });
    expect(named.postgresUrl).toBeUndefined();
    expect(named.pgliteDir).toBe("/var/lib/sunbridge/db");
    const server = resetEnvForTests({ DATABASE_URL: "postgres://u:p@db:5432/sunbridge" });
    expect(server.postgresUrl).toBe("postgres://u:p@db:5432/sunbridge");
  });

  it("turn the SunCo sandbox on in development only when no real OAuth client is configured", () => {
    const development = resetEnvForTests({ NODE_ENV: "development", SUNCO_OAUTH_CLIENT_ID: "", SANDBOX_ENABLED: "" });
    expect(development.sunco).toMatchObject({
      sandbox: true,
      oauthClient: { clientId: "sunbridge-sandbox" },
      oauthBaseUrl: "http://localhost:3999/sandbox/sc",
      apiBaseUrl: "http://localhost:3999/sandbox/sc",
    });
    const real = resetEnvForTests({ NODE_ENV: "development", SUNCO_OAUTH_CLIENT_ID: "abc", SUNCO_OAUTH_CLIENT_SECRET: "xyz" });
    expect(real.sunco).toMatchObject({
      sandbox: false,
      oauthClient: { clientId: "abc", clientSecret: "xyz" },
      oauthBaseUrl: "https://oauth-bridge.zendesk.com/sc",
      apiBaseUrl: null,
    });
    const production = resetEnvForTests({ NODE_ENV: "production", DATABASE_URL: "postgres://x/y", ENCRYPTION_KEYS: "k1:a2V5" });
    expect(production.sunco.sandbox).toBe(false);
    expect(production.sunco.oauthClient).toBeNull();
    const explicit = resetEnvForTests({
      NODE_ENV: "production",
      DATABASE_URL: "postgres://x/y",
      ENCRYPTION_KEYS: "k1:a2V5",
      SANDBOX_ENABLED: "true",
    });
    expect(explicit.sunco.sandbox).toBe(true);
  });

  it("refuse half an OAuth client", () => {
    expect(problemsOf({ SUNCO_OAUTH_CLIENT_ID: "abc", SUNCO_OAUTH_CLIENT_SECRET: "" })).toEqual([
      "SUNCO_OAUTH_CLIENT_ID and SUNCO_OAUTH_CLIENT_SECRET: set both or neither",
    ]);
  });
});
