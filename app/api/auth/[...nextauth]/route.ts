import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/next-auth";

// Options are built on first request so that `next build` needs no secrets.
function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(request as never, context as never, authOptions());
}

export { handler as GET, handler as POST };
