// Checks email + password, throttling failures per email and per address without revealing which part
// was wrong (the same answer, in the same time, for an unknown email and a wrong password).
import { db } from "@/lib/db";
import { RateLimitedError } from "@/lib/errors";
import { clear, hit, peek, type Window } from "@/lib/rate-limit";
import { verifyAgainstDecoy, verifyPassword } from "./password";
import { credentialsSchema } from "./schemas";

export const SIGN_IN_FAILURES_PER_EMAIL: Window = { limit: 5, seconds: 15 * 60 };
export const SIGN_IN_FAILURES_PER_ADDRESS: Window = { limit: 30, seconds: 15 * 60 };

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
}

/** Resolves to the user, or null for wrong credentials; throws RateLimitedError while throttled. */
export async function verifyCredentials(
  input: { email?: unknown; password?: unknown },
  clientAddress: string,
): Promise<SignedInUser | null> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const emailKey = `sign-in:email:${email}`;
  const addressKey = `sign-in:address:${clientAddress}`;

  await refuseWhileThrottled(emailKey, SIGN_IN_FAILURES_PER_EMAIL);
  await refuseWhileThrottled(addressKey, SIGN_IN_FAILURES_PER_ADDRESS);

  const user = await db().user.findUnique({ where: { email } });
  const valid = user ? await verifyPassword(password, user.passwordHash) : await verifyAgainstDecoy(password);
  if (!user || !valid) {
    await hit(emailKey, SIGN_IN_FAILURES_PER_EMAIL);
    await hit(addressKey, SIGN_IN_FAILURES_PER_ADDRESS);
    return null;
  }
  await clear(emailKey);
  return { id: user.id, email: user.email, name: user.name };
}

async function refuseWhileThrottled(key: string, window: Window) {
  const state = await peek(key, window);
  if (state && state.count >= window.limit) {
    const minutes = Math.max(1, Math.ceil(state.resetsIn / 60));
    throw new RateLimitedError(
      `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
      state.resetsIn,
    );
  }
}
