// How a connection proves itself to SunCo: the Authorization header for each of the three credential types.
import { SignJWT } from "jose";

export type SuncoCredentials =
  /** The access token from SunCo's OAuth flow (an `integration`-scope JWT that SunCo signed). */
  | { type: "oauth"; accessToken: string }
  /** An app key (`app_…`) or custom-integration key (`int_…`) sent as HTTP Basic. */
  | { type: "basic"; keyId: string; secret: string }
  /** An app key sent as a JWT we sign ourselves (HS256, `kid` = key id, `scope: "app"`). */
  | { type: "jwt"; keyId: string; secret: string };

/** Produces the Authorization header value; may be called concurrently and for every request. */
export type Authorizer = () => string | Promise<string>;

export interface JwtLifetime {
  /** How long a signed JWT is valid. SunCo sets no limit; a short one bounds the damage of a leaked header. */
  ttlSeconds: number;
  /** Re-sign this long before expiry, so a token never expires in flight or on a skewed clock. */
  renewBeforeSeconds: number;
}

export const DEFAULT_JWT_LIFETIME: JwtLifetime = { ttlSeconds: 3600, renewBeforeSeconds: 300 };

export function authorizerFor(
  credentials: SuncoCredentials,
  options: { jwtLifetime?: JwtLifetime; now?: () => number } = {},
): Authorizer {
  switch (credentials.type) {
    case "oauth": {
      const header = `Bearer ${credentials.accessToken}`;
      return () => header;
    }
    case "basic": {
      const header = `Basic ${Buffer.from(`${credentials.keyId}:${credentials.secret}`).toString("base64")}`;
      return () => header;
    }
    case "jwt":
      return appJwtAuthorizer(credentials, options.jwtLifetime ?? DEFAULT_JWT_LIFETIME, options.now ?? Date.now);
  }
}

/** Signs once, then hands out the same header until it nears expiry; concurrent callers share one signing. */
function appJwtAuthorizer(
  { keyId, secret }: { keyId: string; secret: string },
  lifetime: JwtLifetime,
  now: () => number,
): Authorizer {
  const key = new TextEncoder().encode(secret);
  let current: { header: Promise<string>; renewAt: number } | undefined;
  return () => {
    const nowSeconds = Math.floor(now() / 1000);
    if (!current || nowSeconds >= current.renewAt) {
      const expiresAt = nowSeconds + lifetime.ttlSeconds;
      const header = new SignJWT({ scope: "app" })
        .setProtectedHeader({ alg: "HS256", typ: "JWT", kid: keyId })
        .setIssuedAt(nowSeconds)
        .setExpirationTime(expiresAt)
        .sign(key)
        .then((jwt) => `Bearer ${jwt}`);
      const entry = { header, renewAt: expiresAt - lifetime.renewBeforeSeconds };
      current = entry;
      // A failed signing must not be cached for an hour.
      header.catch(() => {
        if (current === entry) current = undefined;
      });
    }
    return current.header;
  };
}
