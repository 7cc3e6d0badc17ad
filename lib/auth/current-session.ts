// Who is asking: the signed-in browser's session, resolved once per request.
import { connection } from "next/server";
import { cookies } from "next/headers";
import { cache } from "react";
import { sessionIdFromCookies } from "./next-auth";
import { resolveSession, type ResolvedSession } from "./sessions";

export const getCurrentSession = cache(async (): Promise<ResolvedSession | null> => {
  // Per-request by nature: this also keeps `next build` from trying to prerender signed-in pages.
  await connection();
  const sessionId = await sessionIdFromCookies(await cookies());
  return sessionId ? resolveSession(sessionId) : null;
});
