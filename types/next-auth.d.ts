// The session id our cookie carries (lib/auth/next-auth.ts); it stays in the encrypted cookie, out of the Session.
import "next-auth/jwt";

declare module "next-auth/jwt" {
  interface JWT {
    sid?: string;
  }
}
