import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/next-auth";
import { PayloadTooLargeError } from "@/lib/errors";
import { readBodyLimited } from "@/lib/http/read-body";
import { jsonError } from "@/lib/http/route-handler";

/** Sign-in and sign-out forms: a CSRF token, an email, a password, a callback URL. */
const MAX_AUTH_BODY_BYTES = 64 * 1024;

/** The request with its body read under the limit, for next-auth, which reads bodies whole. */
async function limited(request: NextRequest): Promise<NextRequest> {
  if (request.method !== "POST") return request;
  return new NextRequest(request, { body: (await readBodyLimited(request, MAX_AUTH_BODY_BYTES)) as Uint8Array<ArrayBuffer> });
}

// Options are built on first request so that `next build` needs no secrets.
async function handler(request: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) {
  let bounded: NextRequest;
  try {
    bounded = await limited(request);
  } catch (error) {
    if (error instanceof PayloadTooLargeError) return jsonError(error.status, error.code, error.message);
    throw error;
  }
  return NextAuth(bounded as never, context as never, authOptions());
}

export { handler as GET, handler as POST };
