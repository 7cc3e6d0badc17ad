// After sign-in the browser goes back only to a path on this site: every form of "somewhere else" falls back to the
// default page, in the one function that decides it and in next-auth's redirect callback, which uses it.
import { describe, expect, it } from "vitest";
import { authOptions } from "@/lib/auth/next-auth";
import { DEFAULT_RETURN_PATH, safeReturnPath, signInPath } from "@/lib/auth/return-path";

// vitest.config.ts sets APP_URL to this.
const APP = "http://localhost:3999";

/** Paths that lead off-site once a browser, a proxy or a client-side router has read them. */
const ELSEWHERE = [
  "/.//evil.example",
  "/..//evil.example",
  "/./\\evil.example",
  "//evil.example",
  "///evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "/.\\/evil.example",
  "http://evil.example/",
  "https://evil.example/inbox",
  "//evil.example/inbox",
  `${APP}.evil.example/inbox`,
  `${APP}@evil.example/`,
  `${APP}//evil.example`,
  "evil.example",
  "javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  // Encoded slashes, backslashes, dots and whitespace.
  "/%2F%2Fevil.example",
  "/%2f/evil.example",
  "/%5Cevil.example",
  "/%5c%5cevil.example",
  "/%09/evil.example",
  "/%0a/evil.example",
  "/%0D%0A/evil.example",
  "/%00/evil.example",
  "/%2e%2e//evil.example",
  "/%2E//evil.example",
  "/.%2F%2Fevil.example",
  "/%252F%252Fevil.example",
  "/%25252F%25252Fevil.example",
  "/%2525252F%2525252Fevil.example",
  // Raw control characters that browsers strip.
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  // Not decodable, too long, not a string.
  "/%E0%A4%A",
  `/${"a".repeat(3000)}`,
];

describe("the path to return to after sign-in", () => {
  it.each(ELSEWHERE)("is the default page for %j", (value) => {
    expect(safeReturnPath(value)).toBe(DEFAULT_RETURN_PATH);
  });

  it("is the default page for nothing, or anything that is not one string", () => {
    for (const value of [undefined, null, "", 42, {}, [], [42]]) expect(safeReturnPath(value)).toBe(DEFAULT_RETURN_PATH);
  });

  it("keeps a path on this site with its query, normalised and without a fragment", () => {
    expect(safeReturnPath("/settings/members")).toBe("/settings/members");
    expect(safeReturnPath("/inbox?search=a%2Fb&tab=mine")).toBe("/inbox?search=a%2Fb&tab=mine");
    expect(safeReturnPath("/api/oauth/sunco/callback?code=abc&state=x_Y-z")).toBe("/api/oauth/sunco/callback?code=abc&state=x_Y-z");
    expect(safeReturnPath("/inbox/../settings/./members")).toBe("/settings/members");
    expect(safeReturnPath("/connections#top")).toBe("/connections");
    expect(safeReturnPath(`${APP}/connections?connected=1`)).toBe("/connections?connected=1");
    expect(safeReturnPath(["/settings", "//evil.example"])).toBe("/settings");
  });

  it("takes the first value of a repeated query parameter only", () => {
    expect(safeReturnPath(["//evil.example", "/settings"])).toBe(DEFAULT_RETURN_PATH);
  });

  it("falls back to what the caller asks for", () => {
    expect(safeReturnPath("//evil.example", "/sign-in")).toBe("/sign-in");
  });
});

describe("the sign-in link that comes back", () => {
  it("carries a safe path, and none at all instead of an unsafe one", () => {
    expect(signInPath("/settings/members")).toBe("/sign-in?callbackUrl=%2Fsettings%2Fmembers");
    expect(signInPath("/invite/abc_DEF-1")).toBe("/sign-in?callbackUrl=%2Finvite%2Fabc_DEF-1");
    expect(signInPath("/.//evil.example")).toBe("/sign-in");
    expect(signInPath(undefined)).toBe("/sign-in");
  });
});

describe("next-auth's redirect callback", () => {
  const redirect = (url: string) => authOptions().callbacks!.redirect!({ url, baseUrl: APP });

  it.each(ELSEWHERE)("sends %j to the default page", async (url) => {
    expect(await redirect(url)).toBe(`${APP}${DEFAULT_RETURN_PATH}`);
  });

  it("follows a path or an absolute URL of this site", async () => {
    expect(await redirect("/sign-in")).toBe(`${APP}/sign-in`);
    expect(await redirect(`${APP}/settings/members?x=1`)).toBe(`${APP}/settings/members?x=1`);
  });
});
