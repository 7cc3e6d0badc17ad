// Who is asking: the signed-in browser's session, resolved once per request.
import { getServerSession } from "next-auth";
import { connection } from "next/server";
import { cache } from "react";
import { authOptions } from "./next-auth";
import { resolveSession, type ResolvedSession } from "./sessions";

export const getCurrentSession = cache(async (): Promise<ResolvedSession | null> => {
  // Per-request by nature: this also keeps `next build` from trying to prerender signed-in pages.
  await connection();
  const session = await getServerSession(authOptions());
  return session?.sid ? resolveSession(session.sid) : null;
});
