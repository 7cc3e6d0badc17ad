// next-auth configuration: email + password sign-in, a database session behind the cookie.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { RateLimitedError } from "@/lib/errors";
import { clientAddressOf } from "@/lib/http/client-address";
import { safeReturnPath } from "./return-path";
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
      async session({ session, token }) {
        return { ...session, sid: token.sid };
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
