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
  const PRODUCTION_PROBLEMS = [
    "DATABASE_URL: required in production (pglite:<directory> to use the embedded database)",
    "AUTH_SECRET: required in production",
    "ENCRYPTION_KEYS: required in production",
  ];
  const withoutProductionSettings = { DATABASE_URL: undefined, AUTH_SECRET: undefined, ENCRYPTION_KEYS: undefined };

  it("in production, refuse to start without a database URL and explicit secrets, naming each", () => {
    expect(problemsOf({ NODE_ENV: "production", ...withoutProductionSettings })).toEqual(PRODUCTION_PROBLEMS);
  });

  it("apply production rules whatever NODE_ENV a shell left behind, unless the command declared another mode", () => {
    for (const NODE_ENV of ["test", "development", undefined]) {
      // Declared by npm start, the worker, db:migrate and keys:rotate; and what an undeclared process gets.
      for (const SUNBRIDGE_MODE of ["production", undefined]) {
        expect(problemsOf({ NODE_ENV, SUNBRIDGE_MODE, ...withoutProductionSettings }), `${NODE_ENV} ${SUNBRIDGE_MODE}`).toEqual(PRODUCTION_PROBLEMS);
      }
    }
    const configured = { NODE_ENV: "test", SUNBRIDGE_MODE: "production", DATABASE_URL: "postgres://x/y", SUNCO_OAUTH_CLIENT_ID: "" };
    const production = resetEnvForTests({ ...configured, SANDBOX_ENABLED: undefined });
    expect(production).toMatchObject({ mode: "production", isProduction: true, sunco: { sandbox: false, oauthClient: null } });
    expect(resetEnvForTests({ ...configured, SANDBOX_ENABLED: "true" }).sunco.sandbox).toBe(true);
  });

  it("let only a declared development or test process use development defaults, and NODE_ENV=production overrule it", () => {
    expect(resetEnvForTests({ NODE_ENV: "development", SUNBRIDGE_MODE: "development", ...withoutProductionSettings })).toMatchObject({
      mode: "development",
      isProduction: false,
      sunco: { sandbox: true },
    });
    expect(resetEnvForTests({ NODE_ENV: "test", SUNBRIDGE_MODE: "test", ...withoutProductionSettings }).isProduction).toBe(false);
    expect(problemsOf({ NODE_ENV: "production", SUNBRIDGE_MODE: "development", ...withoutProductionSettings })).toEqual(PRODUCTION_PROBLEMS);
    expect(problemsOf({ SUNBRIDGE_MODE: "staging" }).map((p) => p.split(":")[0])).toEqual(["SUNBRIDGE_MODE"]);
  });

  it("refuse a guessable sandbox token", () => {
    expect(problemsOf({ SANDBOX_TOKEN: "letmein" })).toEqual(["SANDBOX_TOKEN: must be at least 24 characters"]);
    expect(resetEnvForTests({ SANDBOX_TOKEN: "a".repeat(24) }).SANDBOX_TOKEN).toBe("a".repeat(24));
  });

  it("in production, refuse to start without the public URL, naming it; elsewhere default it", () => {
    const production = { NODE_ENV: "production", DATABASE_URL: "pglite:/tmp/unused", APP_URL: undefined, PORT: "3001" };
    expect(problemsOf(production)).toEqual(["APP_URL: required in production (the public https:// URL)"]);
    expect(problemsOf({ ...production, APP_URL: "" })).toEqual(["APP_URL: required in production (the public https:// URL)"]);
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
    const generated = { SUNBRIDGE_MODE: "development", AUTH_SECRET: undefined, ENCRYPTION_KEYS: undefined, DATA_DIR: dataDir };
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

  it("in production, refuse to start without a VAPID key pair; in development, generate one and keep it in DATA_DIR", () => {
    const production = { NODE_ENV: "production", DATABASE_URL: "pglite:/tmp/unused", APP_URL: "https://bridge.example.com" };
    const required = "VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY: required in production (npx web-push generate-vapid-keys)";
    expect(problemsOf({ ...production, VAPID_PUBLIC_KEY: undefined, VAPID_PRIVATE_KEY: undefined })).toEqual([required]);
    expect(problemsOf({ ...production, VAPID_PRIVATE_KEY: undefined })).toEqual([required, "VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY: set both or neither"]);
    expect(resetEnvForTests(production).webPush.subject).toBe("https://bridge.example.com");

    const dataDir = mkdtempSync(path.join(tmpdir(), "sunbridge-vapid-"));
    const development = { SUNBRIDGE_MODE: "development", VAPID_PUBLIC_KEY: undefined, VAPID_PRIVATE_KEY: undefined, DATA_DIR: dataDir };
    const first = resetEnvForTests(development).webPush;
    expect(first.publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
    expect(first.privateKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(resetEnvForTests(development).webPush).toEqual(first);
  });
});
