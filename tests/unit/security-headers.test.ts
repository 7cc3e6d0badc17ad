// The headers browsers get: a nonce-based Content-Security-Policy on every page, and nosniff, Referrer-Policy and
// (on https) HSTS on every response.
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { contentSecurityPolicy, responseSecurityHeaders } from "@/lib/http/security-headers";
import { proxy } from "@/proxy";

afterEach(() => resetEnvForTests());

const directives = (policy: string) =>
  new Map(policy.split(";").map((directive) => {
    const [name, ...sources] = directive.trim().split(/\s+/);
    return [name!, sources];
  }));

describe("the Content-Security-Policy", () => {
  const production = directives(contentSecurityPolicy({ nonce: "n0nce", development: false }));

  it("runs only scripts carrying this request's nonce, and never eval outside development", () => {
    expect(production.get("script-src")).toEqual(["'self'", "'nonce-n0nce'", "'strict-dynamic'"]);
    expect(directives(contentSecurityPolicy({ nonce: "n0nce", development: true })).get("script-src")).toContain("'unsafe-eval'");
  });

  it("loads scripts, styles, fonts, frames and connections from no remote origin, and cannot be framed", () => {
    for (const name of ["default-src", "script-src", "style-src", "style-src-attr", "font-src", "connect-src", "frame-src", "object-src", "base-uri"]) {
      expect(production.get(name), name).toBeDefined();
      for (const source of production.get(name)!) expect(source, `${name} ${source}`).toMatch(/^'/);
    }
    expect(production.get("style-src")).toEqual(["'self'", "'nonce-n0nce'"]);
    expect(production.get("frame-ancestors")).toEqual(["'none'"]);
    expect(production.get("object-src")).toEqual(["'none'"]);
  });

  it("shows end users' images from any https host, and lets forms go to the OAuth bridge", () => {
    expect(production.get("img-src")).toEqual(["'self'", "https:", "blob:", "data:"]);
    const withBridge = directives(contentSecurityPolicy({ nonce: "n", development: false, formTargets: ["https://oauth-bridge.zendesk.com"] }));
    expect(withBridge.get("form-action")).toEqual(["'self'", "https://oauth-bridge.zendesk.com"]);
  });
});

describe("every response's headers", () => {
  it("forbid sniffing and cross-origin referrers, and add HSTS only when the app is served over https", () => {
    const plain = new Map(responseSecurityHeaders("http://localhost:3000"));
    expect(plain.get("X-Content-Type-Options")).toBe("nosniff");
    expect(plain.get("Referrer-Policy")).toBe("same-origin");
    expect(plain.has("Strict-Transport-Security")).toBe(false);
    expect(new Map(responseSecurityHeaders("https://bridge.example.com")).get("Strict-Transport-Security")).toMatch(/^max-age=31536000\b/);
  });
});

describe("the proxy in front of pages", () => {
  const page = (path: string, cookie?: string) =>
    proxy(new NextRequest(`http://localhost:3999${path}`, { headers: cookie ? { cookie } : {} }));

  it("gives each page a policy with a fresh nonce, on the response and on the request Next.js renders from", () => {
    const first = page("/sign-in");
    const second = page("/inbox", "next-auth.session-token=x");
    const policy = first.headers.get("content-security-policy")!;
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(policy);
    const nonceOf = (value: string) => value.match(/'nonce-([^']+)'/)![1];
    expect(nonceOf(second.headers.get("content-security-policy")!)).not.toBe(nonceOf(policy));
  });

  it("still sends a browser without a session to sign-in", () => {
    const response = page("/inbox");
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe("http://localhost:3999/sign-in?callbackUrl=%2Finbox");
  });

  it("lets forms lead to a remote OAuth bridge, and names none when the bridge is the mounted sandbox", () => {
    const formAction = () => directives(page("/connections", "next-auth.session-token=x").headers.get("content-security-policy")!).get("form-action");
    expect(formAction()).toEqual(["'self'"]);
    resetEnvForTests({ SANDBOX_ENABLED: "false", SUNCO_OAUTH_CLIENT_ID: "id", SUNCO_OAUTH_CLIENT_SECRET: "secret" });
    expect(formAction()).toEqual(["'self'", "https://oauth-bridge.zendesk.com"]);
  });

  it("allows eval only in development", () => {
    resetEnvForTests({ NODE_ENV: "production", DATABASE_URL: "pglite:/tmp/unused" });
    expect(page("/sign-in").headers.get("content-security-policy")).not.toContain("unsafe-eval");
    resetEnvForTests({ NODE_ENV: "development" });
    expect(page("/sign-in").headers.get("content-security-policy")).toContain("'unsafe-eval'");
  });
});
