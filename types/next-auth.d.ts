// The session id our cookie carries (lib/auth/next-auth.ts).
import "next-auth";
import "next-auth/jwt";

declare module "next-auth/jwt" {
  interface JWT {
    sid?: string;
  }
}

declare module "next-auth" {
  interface Session {
    sid?: string;
  }
}
