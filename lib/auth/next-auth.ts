// next-auth configuration: email + password sign-in, a database session behind the cookie. The cookie is an
// encrypted JWT holding the session id; the id never reaches browser JavaScript (not in /api/auth/session either):
// the server reads it from the cookie (sessionIdFromCookies).
import type { NextAuthOptions } from "next-auth";
import { getToken } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { RateLimitedError } from "@/lib/errors";
import { clientAddressOf } from "@/lib/http/client-address";
import { safeReturnPath } from "./return-path";
import { decodeSessionToken } from "./session-token";
import { createSession, deleteSession, SESSION_MAX_AGE_SECONDS } from "./sessions";
import { verifyCredentials } from "./sign-in";

type HeaderBag = Record<string, string | string[] | undefined> | undefined;

function header(headers: HeaderBag, name: string) {
  const value = headers?.[name];
  return Array.isArray(value) ? value[0] : value;
}

let options: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  options ??= {
    secret: env().AUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    jwt: { decode: decodeSessionToken },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
        },
        async authorize(credentials, request) {
          try {
            const user = await verifyCredentials(credentials ?? {}, clientAddressOf(request?.headers));
            return user && { ...user, userAgent: header(request?.headers, "user-agent") ?? null };
          } catch (error) {
            // next-auth passes a thrown error's message to the sign-in form.
            if (error instanceof RateLimitedError) throw new Error(error.message);
            throw error;
          }
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          token.sid = await createSession(user.id, (user as { userAgent?: string | null }).userAgent);
        }
        return token;
      },
      // What /api/auth/session shows the browser: next-auth's default (name, email, expiry), never the session id.
      async session({ session }) {
        return session;
      },
      // Every callbackUrl next-auth follows (sign-in, sign-out) is a path on this site.
      async redirect({ url }) {
        return new URL(safeReturnPath(url), env().APP_URL).toString();
      },
    },
    events: {
      async signOut({ token }) {
        if (token?.sid) await deleteSession(token.sid);
      },
    },
  };
  return options;
}

interface CookieJar {
  getAll(): { name: string; value: string }[];
}

/** The database session id in the request's session cookie; null without a valid cookie. */
export async function sessionIdFromCookies(cookies: CookieJar): Promise<string | null> {
  const { jwt } = authOptions();
  const token = await getToken({
    // Only the cookie: no Authorization header stands in for it.
    req: { cookies, headers: {} } as unknown as Parameters<typeof getToken>[0]["req"],
    secret: env().AUTH_SECRET,
    secureCookie: env().APP_URL.startsWith("https://"),
    ...(jwt?.decode ? { decode: jwt.decode } : {}),
  });
  return typeof token?.sid === "string" ? token.sid : null;
}
