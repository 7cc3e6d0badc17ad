// Password hashing with scrypt (memory-hard; OWASP's recommended parameters), in a self-describing
// format so the cost can be raised later without invalidating stored hashes.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { FairGate } from "./fair-gate";

const COST = { N: 2 ** 17, r: 8, p: 1 };
const KEY_LENGTH = 32;
/** Headroom over 128·N·r bytes, the memory scrypt needs at this cost. */
const MAX_MEMORY = 256 * 1024 * 1024;

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

/**
 * Each hash takes 128 MiB and a few hundred milliseconds of one of libuv's 4 threads, which DNS lookups, file reads
 * and decompression (every SunCo call) share. So scrypt only runs inside a slot of this gate: 2 at once per process,
 * one per client address, and a short fair queue for the rest; a flood of guesses from one address cannot starve
 * everyone else's sign-in, nor the threads the rest of the app needs.
 */
const gate = new FairGate({ concurrency: 2, perOwner: 1, perOwnerWaiting: 3, maxWaiting: 32 });
let internalCalls = 0;

const scrypt = (password: string, salt: Buffer, keyLength: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCallback(password.normalize("NFKC"), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key))),
  );

/** Format: scrypt$N$r$p$salt$key (salt and key base64url). */
async function hash(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, { ...COST, maxmem: MAX_MEMORY });
  return ["scrypt", COST.N, COST.r, COST.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

async function verify(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !key) return false;
  const expected = Buffer.from(key, "base64url");
  const actual = await scrypt(password, Buffer.from(salt, "base64url"), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: MAX_MEMORY,
  });
  return timingSafeEqual(actual, expected);
}

let decoy: Promise<string> | undefined;

/** Spends the same time as a real check, so an unknown email can't be told apart by response time. */
async function verifyAgainstDecoy(password: string): Promise<false> {
  decoy ??= hash(randomBytes(16).toString("hex")).catch((error: unknown) => {
    decoy = undefined;
    throw error;
  });
  await verify(password, await decoy);
  return false;
}

/** What may be done while holding a hashing slot. */
export interface PasswordHashing {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
  verifyAgainstDecoy(password: string): Promise<false>;
}

const hashing: PasswordHashing = { hash, verify, verifyAgainstDecoy };

/**
 * Runs `work` in one of the process's hashing slots, queued fairly under `owner` (the client's address bucket, see
 * lib/auth/throttle.ts); throws GateFullError (a RateLimitedError) at once when that owner's queue, or everyone's,
 * is full. Whatever `work` checks before hashing (the throttle) happens inside the slot too, so a flood from one
 * address waits, or is refused, before it costs a database round trip.
 */
export function withPasswordHashing<T>(owner: string, work: (hashing: PasswordHashing) => Promise<T>): Promise<T> {
  return gate.run(owner, () => work(hashing));
}

/** Work of our own (seeding, tests) is nobody's in particular: it only waits for a free slot. */
const ourOwn = () => `internal:${internalCalls++}`;

export function hashPassword(password: string): Promise<string> {
  return withPasswordHashing(ourOwn(), (slot) => slot.hash(password));
}

export function verifyPassword(password: string, stored: string): Promise<boolean> {
  return withPasswordHashing(ourOwn(), (slot) => slot.verify(password, stored));
}

/** How busy hashing is in this process, for tests and metrics. */
export function passwordHashingLoad() {
  return gate.stats;
}
