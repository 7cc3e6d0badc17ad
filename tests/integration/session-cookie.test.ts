// The session cookie holds the database session id inside an encrypted JWT: the server reads it from there, and
// /api/auth/session never hands it to browser JavaScript.
import NextAuth from "next-auth";
import { encode } from "next-auth/jwt";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getCurrentSession } from "@/lib/auth/current-session";
import { authOptions, sessionIdFromCookies } from "@/lib/auth/next-auth";
import { createSession, deleteSession } from "@/lib/auth/sessions";
import { createUser } from "../support/builders";
import { withTestDatabase } from "../support/database";

const request = vi.hoisted(() => ({ cookies: [] as { name: string; value: string }[] }));
// Outside a Next.js request there is no request scope: the test plays the request's cookies.
vi.mock("next/headers", () => ({ cookies: async () => ({ getAll: () => request.cookies }) }));
vi.mock("next/server", async (importOriginal) => ({ ...(await importOriginal<object>()), connection: async () => {} }));
// The real session, not the one tests/support/setup-file.ts stands in for every other file.
vi.unmock("@/lib/auth/current-session");

withTestDatabase();

const COOKIE = "next-auth.session-token";
const secret = process.env.AUTH_SECRET!;

async function signedInBrowser() {
  const user = await createUser();
  const sid = await createSession(user.id, "vitest");
  const token = await encode({ token: { sid, name: user.name, email: user.email, sub: user.id }, secret });
  request.cookies = [{ name: COOKIE, value: token }];
  return { user, sid };
}

/**
 * next-auth's session endpoint with our options, through its Node (req, res) entry: the App Router entry reads the
 * request through next/headers, which exists only inside a Next.js request.
 */
async function getSessionEndpoint() {
  const response = { status: 0, body: "" };
  const res = {
    status(code: number) {
      response.status = code;
      return res;
    },
    setHeader: () => res,
    getHeader: () => undefined,
    send(body: unknown) {
      response.body = typeof body === "string" ? body : JSON.stringify(body);
    },
    json(body: unknown) {
      response.body = JSON.stringify(body);
    },
  };
  const req = {
    method: "GET",
    query: { nextauth: ["session"] },
    headers: { host: "localhost:3999" },
    cookies: Object.fromEntries(request.cookies.map((c) => [c.name, c.value])),
  };
  await NextAuth(req as never, res as never, authOptions());
  return response;
}

beforeEach(() => {
  request.cookies = [];
});

describe("the session cookie", () => {
  it("is read on the server for the database session id", async () => {
    const { user, sid } = await signedInBrowser();
    expect(await sessionIdFromCookies({ getAll: () => request.cookies })).toBe(sid);
    expect((await getCurrentSession())?.user.id).toBe(user.id);
  });

  it("counts for nothing when missing, forged or signed out", async () => {
    expect(await getCurrentSession()).toBeNull();
    request.cookies = [{ name: COOKIE, value: "not-a-jwt" }];
    expect(await sessionIdFromCookies({ getAll: () => request.cookies })).toBeNull();
    const { sid } = await signedInBrowser();
    await deleteSession(sid);
    expect(await getCurrentSession()).toBeNull();
  });
});

describe("GET /api/auth/session", () => {
  it("tells the browser who is signed in, but not the session id", async () => {
    const { user, sid } = await signedInBrowser();
    const response = await getSessionEndpoint();
    expect(response.status).toBe(200);
    expect(response.body).not.toContain(sid);
    const body = JSON.parse(response.body) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(["expires", "user"]);
    expect(body.user).toEqual({ name: user.name, email: user.email });
  });
});
