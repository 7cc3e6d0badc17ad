// Reads the session cookie (a JWE) only in the one form next-auth writes it: "dir" with A256GCM, nothing else in
// its header. next-auth's own decode accepts any algorithm its key fits (A128CBC-HS256 too) and compression;
// jose, under it, then checks GCM's full 128-bit tag.
import { decodeProtectedHeader } from "jose";
import { decode, type JWTDecodeParams } from "next-auth/jwt";

const SESSION_TOKEN_HEADER = { alg: "dir", enc: "A256GCM" } as const;

export class SessionTokenError extends Error {
  constructor() {
    super(`The session token is not a ${SESSION_TOKEN_HEADER.alg}/${SESSION_TOKEN_HEADER.enc} JWE.`);
    this.name = "SessionTokenError";
  }
}

function hasPinnedHeader(token: string): boolean {
  let header: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return false;
  }
  const names = Object.keys(header);
  return (
    names.length === Object.keys(SESSION_TOKEN_HEADER).length &&
    header.alg === SESSION_TOKEN_HEADER.alg &&
    header.enc === SESSION_TOKEN_HEADER.enc
  );
}

/** next-auth's `jwt.decode`: refuses (next-auth then treats the request as signed out) any other form. */
export async function decodeSessionToken(params: JWTDecodeParams) {
  if (params.token && !hasPinnedHeader(params.token)) throw new SessionTokenError();
  return decode(params);
}
