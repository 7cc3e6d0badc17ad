// Throttling of everything that hashes a password (signing in, signing up, accepting an invite with a new account).
// An attempt first takes a hashing slot for its client address (lib/auth/password.ts: one at a time per address, a
// short queue, refused at once beyond it). Holding it, it is counted, before any hashing, in one atomic statement per
// counter in the database (so parallel attempts cannot slip through between a check and an increment, and every
// instance sees the same counts), then admitted or refused.
//
// Sign-in counts against three windows, checked in this order, each only once the previous one admitted:
// - the client's address (IPv6 by /64): bounds what one address costs us, whatever emails it tries;
// - the email from that address: five guesses, after which that address waits; the owner elsewhere is not affected;
// - the email from anywhere: bounds guessing spread over many addresses. Past it, only addresses the account has
//   signed in from lately are admitted, so an attacker with many addresses cannot lock the owner out of where they
//   usually work. A refused attempt is not counted in the later windows: one address hammering away cannot use up the
//   email's shared budget.
// A rightful sign-in takes its hits back. Signing up and accepting an invite count the same way, per address and per
// email from it, and keep their hits: they create accounts, which is worth limiting in itself.
import { RateLimitedError } from "@/lib/errors";
import { addressBucket, clear, hit, peek, refund, type Window } from "@/lib/rate-limit";
import { withPasswordHashing, type PasswordHashing } from "./password";

const FIFTEEN_MINUTES = 15 * 60;

export type PasswordAction = "sign-in" | "sign-up" | "invite";

interface Rules {
  perAddress: Window;
  perEmailFromAddress: Window;
  /** Across every address, for guessing spread over many of them. */
  perEmail?: Window;
  /** What the refusal says, before when to try again. */
  refusal: string;
}

export const THROTTLE_RULES: Record<PasswordAction, Rules> = {
  "sign-in": {
    perAddress: { limit: 30, seconds: FIFTEEN_MINUTES },
    perEmailFromAddress: { limit: 5, seconds: FIFTEEN_MINUTES },
    perEmail: { limit: 50, seconds: FIFTEEN_MINUTES },
    refusal: "Too many failed sign-in attempts.",
  },
  "sign-up": {
    perAddress: { limit: 10, seconds: 60 * 60 },
    perEmailFromAddress: { limit: 5, seconds: FIFTEEN_MINUTES },
    refusal: "Too many sign-up attempts.",
  },
  invite: {
    perAddress: { limit: 20, seconds: FIFTEEN_MINUTES },
    perEmailFromAddress: { limit: 5, seconds: FIFTEEN_MINUTES },
    refusal: "Too many attempts to join.",
  },
};

/** An address the account signed in from within this window stays admitted while its email is under attack. */
export const KNOWN_ADDRESS_WINDOW: Window = { limit: Number.MAX_SAFE_INTEGER, seconds: 30 * 24 * 60 * 60 };

export interface AdmittedAttempt {
  /** The password was right: a sign-in takes its hits back and remembers the address. */
  succeeded(): Promise<void>;
}

export interface PasswordAttempt {
  action: PasswordAction;
  /** Normalised (lower-case) email. */
  email: string;
  /** The address the server vouches for (lib/http/client-address.ts). */
  clientAddress: string;
}

/**
 * Runs `work` (which hashes) for an attempt, in a hashing slot and once the throttle admitted it; throws
 * RateLimitedError, having hashed nothing, when either refuses.
 */
export function withThrottledHashing<T>(
  attempt: PasswordAttempt,
  work: (hashing: PasswordHashing, admitted: AdmittedAttempt) => Promise<T>,
): Promise<T> {
  return withPasswordHashing(addressBucket(attempt.clientAddress), async (hashing) =>
    work(hashing, await admitPasswordAttempt(attempt.action, attempt)),
  );
}

/** Counts the attempt and admits it, or throws RateLimitedError saying when to try again (withThrottledHashing). */
export async function admitPasswordAttempt(
  action: PasswordAction,
  who: { email: string; clientAddress: string },
): Promise<AdmittedAttempt> {
  const rules = THROTTLE_RULES[action];
  const bucket = addressBucket(who.clientAddress);
  const keys = {
    address: `${action}:address:${bucket}`,
    emailFromAddress: `${action}:email-address:${who.email}|${bucket}`,
    email: `${action}:email:${who.email}`,
    known: `${action}:known:${who.email}|${bucket}`,
  };

  await count(keys.address, rules.perAddress, rules.refusal);
  await count(keys.emailFromAddress, rules.perEmailFromAddress, rules.refusal);
  if (rules.perEmail) {
    const state = await hit(keys.email, rules.perEmail);
    if (state.count > rules.perEmail.limit && !(await peek(keys.known))) refuse(rules.refusal, state.resetsIn);
  }

  return {
    async succeeded() {
      if (action !== "sign-in") return;
      await refund(keys.address);
      await clear(keys.emailFromAddress);
      await refund(keys.email);
      await hit(keys.known, KNOWN_ADDRESS_WINDOW);
    },
  };
}

async function count(key: string, window: Window, refusal: string) {
  const state = await hit(key, window);
  if (state.count > window.limit) refuse(refusal, state.resetsIn);
}

function refuse(refusal: string, resetsIn: number): never {
  const minutes = Math.max(1, Math.ceil(resetsIn / 60));
  throw new RateLimitedError(`${refusal} Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, resetsIn);
}
