// Checks email + password, throttled before any hashing (lib/auth/throttle.ts), without revealing which part was
// wrong (the same answer, in the same time, for an unknown email and a wrong password).
import { db } from "@/lib/db";
import { credentialsSchema } from "./schemas";
import { withThrottledHashing } from "./throttle";

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
}

/**
 * Resolves to the user, or null for wrong credentials; throws RateLimitedError while throttled or while too many
 * checks are already waiting. `clientAddress` is the one the server vouches for (lib/http/client-address.ts).
 */
export async function verifyCredentials(
  input: { email?: unknown; password?: unknown },
  clientAddress: string,
): Promise<SignedInUser | null> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  return withThrottledHashing({ action: "sign-in", email, clientAddress }, async (hashing, attempt) => {
    const user = await db().user.findUnique({ where: { email } });
    const valid = user ? await hashing.verify(password, user.passwordHash) : await hashing.verifyAgainstDecoy(password);
    if (!user || !valid) return null;
    await attempt.succeeded();
    return { id: user.id, email: user.email, name: user.name };
  });
}
