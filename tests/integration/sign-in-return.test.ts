// Every place that sends a browser to sign-in and back (the sign-in page, its redirect when already signed in, the
// proxy, the OAuth callback's detour) returns only to a path on this site.
import { NextRequest } from "next/server";
import { isValidElement, type ReactNode } from "react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import SignInPage from "@/app/(auth)/sign-in/page";
import { GET as oauthCallback } from "@/app/api/oauth/sunco/callback/route";
import * as currentSession from "@/lib/auth/current-session";
import type { ResolvedSession } from "@/lib/auth/sessions";
import { proxy } from "@/proxy";
import { withTestDatabase } from "../support/database";

// The OAuth callback looks its state up among connect links before it asks for a session.
withTestDatabase();

const signedIn: ResolvedSession = {
  id: "session",
  user: { id: "user", email: "ada@example.test", name: "Ada" },
  activeOrganizationId: "organization",
  memberships: [{ organizationId: "organization", organizationName: "Org", role: "owner" }],
};

const OFF_SITE = [
  "/.//evil.example",
  "/..//evil.example",
  "/./\\evil.example",
  "//evil.example",
  "http://evil.example/",
  "/%2F%2Fevil.example",
  "/%5Cevil.example",
  "/%09/evil.example",
  "/%2e%2e//evil.example",
  "/%252F%252Fevil.example",
];

/** Where the page redirected to (Next.js's redirect() throws), or null when it rendered. */
async function signInPageRedirect(callbackUrl: string): Promise<{ location: string; status: number } | null> {
  try {
    await SignInPage({ searchParams: Promise.resolve({ callbackUrl }), params: Promise.resolve({}) } as never);
    return null;
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? "";
    if (!digest.startsWith("NEXT_REDIRECT;")) throw error;
    const parts = digest.split(";");
    return { location: parts.slice(2, -2).join(";"), status: Number(parts.at(-2)) };
  }
}

/** The returnTo the rendered page hands its sign-in form. */
function returnToOf(node: ReactNode): string | undefined {
  if (!isValidElement(node)) return Array.isArray(node) ? node.map(returnToOf).find(Boolean) : undefined;
  const props = node.props as { returnTo?: string; children?: ReactNode };
  return props.returnTo ?? returnToOf(props.children);
}

describe("the sign-in page", () => {
  beforeEach(() => vi.mocked(currentSession.getCurrentSession).mockResolvedValue(signedIn));

  it.each(OFF_SITE)("sends a signed-in visitor asking for %j to the inbox instead", async (callbackUrl) => {
    expect(await signInPageRedirect(callbackUrl)).toEqual({ location: "/inbox", status: 307 });
  });

  it("sends a signed-in visitor back to a path on this site", async () => {
    expect(await signInPageRedirect("/settings/members?tab=1")).toEqual({ location: "/settings/members?tab=1", status: 307 });
  });

  it.each(OFF_SITE)("gives the form the inbox, not %j, to go to after signing in", async (callbackUrl) => {
    vi.mocked(currentSession.getCurrentSession).mockResolvedValue(null);
    const page = await SignInPage({ searchParams: Promise.resolve({ callbackUrl }), params: Promise.resolve({}) } as never);
    expect(returnToOf(page)).toBe("/inbox");
  });
});

describe("the proxy", () => {
  it("sends a visitor without a session to sign-in, coming back to the page they asked for", () => {
    const response = proxy(new NextRequest("http://localhost:3999/settings/members?tab=2"));
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe("http://localhost:3999/sign-in?callbackUrl=%2Fsettings%2Fmembers%3Ftab%3D2");
  });

  it("never remembers a path that leads off-site", () => {
    const response = proxy(new NextRequest("http://localhost:3999//evil.example/x"));
    expect(response.headers.get("location")).toBe("http://localhost:3999/sign-in");
  });
});

describe("the OAuth callback", () => {
  it("detours a signed-out browser through sign-in and back to itself with the same code and state", async () => {
    vi.mocked(currentSession.getCurrentSession).mockResolvedValue(null);
    const response = await oauthCallback(new Request("http://localhost:3999/api/oauth/sunco/callback?code=c0de&state=st4te"), {
      params: Promise.resolve({}),
    });
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get("location")!);
    expect(location.pathname).toBe("/sign-in");
    expect(location.searchParams.get("callbackUrl")).toBe("/api/oauth/sunco/callback?code=c0de&state=st4te");
  });
});
