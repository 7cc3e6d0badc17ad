// Throttling of everything that hashes a password: counted in the database before any hashing, atomically, per
// client address and per email; one address's failures slow that address, never the owner elsewhere. Hashing is
// replaced by a fast stand-in here that counts its calls (the real cost is measured in sign-in-load.test.ts).
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as password from "@/lib/auth/password";
import { verifyCredentials } from "@/lib/auth/sign-in";
import { admitPasswordAttempt, THROTTLE_RULES } from "@/lib/auth/throttle";
import { db } from "@/lib/db";
import { RateLimitedError } from "@/lib/errors";
import { createInvite } from "@/lib/organizations/invites";
import { addressBucket } from "@/lib/rate-limit";
import { createOrganization, createUser, memberContext, TEST_PASSWORD } from "../support/builders";
import { withTestDatabase } from "../support/database";
import { acceptInviteWithNewAccount, signUp } from "../support/parsed-use-cases";

const fake = vi.hoisted(() => ({
  hash: async (plain: string) => `fake$${plain}`,
  verify: async (plain: string, stored: string) => stored === `fake$${plain}`,
  verifyAgainstDecoy: async () => false as const,
}));

vi.mock("@/lib/auth/password", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/auth/password")>();
  const hashing = { hash: vi.fn(fake.hash), verify: vi.fn(fake.verify), verifyAgainstDecoy: vi.fn(fake.verifyAgainstDecoy) };
  return {
    ...real,
    fakeHashing: hashing,
    withPasswordHashing: vi.fn((owner: string, work: (h: typeof hashing) => Promise<unknown>) =>
      real.withPasswordHashing(owner, () => work(hashing)),
    ),
    hashPassword: vi.fn(fake.hash),
  };
});

withTestDatabase();

/** How many times anything was hashed or checked against a hash. */
const hashings = () => {
  const { hash, verify, verifyAgainstDecoy } = (password as unknown as { fakeHashing: Record<string, ReturnType<typeof vi.fn>> })
    .fakeHashing;
  return [hash, verify, verifyAgainstDecoy].reduce((sum, fn) => sum + fn!.mock.calls.length, 0);
};

beforeEach(() => vi.clearAllMocks());

const SIGN_IN = THROTTLE_RULES["sign-in"];
let addressCount = 0;
/** A fresh address from TEST-NET-2 per call, so tests do not share windows. */
const newAddress = () => `198.51.${Math.floor(addressCount / 250)}.${(addressCount++ % 250) + 1}`;

const attempt = (email: string, pass: string, address: string) =>
  verifyCredentials({ email, password: pass }, address).then(
    (user) => (user ? "signed in" : "wrong"),
    (error: unknown) => {
      if (error instanceof RateLimitedError) return "throttled";
      throw error;
    },
  );

describe("signing in", () => {
  it("throttles an email from one address after a few failures, even for the right password, and says when to retry", async () => {
    const user = await createUser();
    const address = newAddress();
    for (let i = 0; i < SIGN_IN.perEmailFromAddress.limit; i++) expect(await attempt(user.email, `wrong-${i}-password`, address)).toBe("wrong");
    const hashed = hashings();
    await expect(verifyCredentials({ email: user.email, password: TEST_PASSWORD }, address)).rejects.toThrow(
      /^Too many failed sign-in attempts\. Try again in 15 minutes\.$/,
    );
    expect(hashings()).toBe(hashed);
  });

  it("lets the owner sign in from another address while one address is throttled for their email", async () => {
    const user = await createUser();
    const attacker = newAddress();
    for (let i = 0; i < 40; i++) await attempt(user.email, `guess-${i}-password`, attacker);
    expect(await attempt(user.email, TEST_PASSWORD, attacker)).toBe("throttled");
    expect(await attempt(user.email, TEST_PASSWORD, newAddress())).toBe("signed in");
  });

  it("throttles an address trying many emails, before any hashing, whatever the emails", async () => {
    const address = newAddress();
    const outcomes: string[] = [];
    for (let i = 0; i < SIGN_IN.perAddress.limit + 5; i++) outcomes.push(await attempt(`random-${i}@example.test`, "whatever-password", address));
    expect(outcomes.filter((o) => o === "wrong")).toHaveLength(SIGN_IN.perAddress.limit);
    expect(outcomes.slice(SIGN_IN.perAddress.limit)).toEqual(Array(5).fill("throttled"));
    expect(hashings()).toBe(SIGN_IN.perAddress.limit);
    // Another address is not affected.
    expect(await attempt("random-0@example.test", "whatever-password", newAddress())).toBe("wrong");
  });

  it("counts an IPv6 client by its /64, so rotating addresses within it gains nothing", async () => {
    const user = await createUser();
    for (let i = 0; i < SIGN_IN.perEmailFromAddress.limit; i++) {
      expect(await attempt(user.email, `wrong-${i}-password`, `2001:db8:1:2::${(i + 1).toString(16)}`)).toBe("wrong");
    }
    expect(await attempt(user.email, TEST_PASSWORD, "2001:db8:1:2:ffff:ffff:ffff:ffff")).toBe("throttled");
    expect(await attempt(user.email, TEST_PASSWORD, "2001:db8:1:3::1")).toBe("signed in");
  });

  it("counts atomically: of many simultaneous attempts, no more than the limit are admitted", async () => {
    const email = `parallel-${Date.now()}@example.test`;
    const address = newAddress();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => admitPasswordAttempt("sign-in", { email, clientAddress: address })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(SIGN_IN.perEmailFromAddress.limit);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(RateLimitedError);
  });

  it("takes back a rightful sign-in's hits, so that failures before it do not add up", async () => {
    const user = await createUser();
    const address = newAddress();
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < SIGN_IN.perEmailFromAddress.limit - 1; i++) expect(await attempt(user.email, "nope-nope-nope", address)).toBe("wrong");
      expect(await attempt(user.email, TEST_PASSWORD, address)).toBe("signed in");
    }
  });

  it("bounds guessing spread over many addresses, yet still admits the owner from an address they signed in from", async () => {
    const user = await createUser();
    const home = newAddress();
    expect(await attempt(user.email, TEST_PASSWORD, home)).toBe("signed in");
    // A distributed attack: each address stays under its own limits; together they exceed the email's.
    const perAddress = SIGN_IN.perEmailFromAddress.limit;
    for (let sent = 0; sent <= SIGN_IN.perEmail!.limit; sent += perAddress) {
      const address = newAddress();
      for (let i = 0; i < perAddress; i++) await admitPasswordAttempt("sign-in", { email: user.email, clientAddress: address }).catch(() => {});
    }
    expect(await attempt(user.email, TEST_PASSWORD, newAddress())).toBe("throttled");
    expect(await attempt(user.email, TEST_PASSWORD, home)).toBe("signed in");
  });

  it("does not let one hammering address use up the email's shared budget", async () => {
    const user = await createUser();
    const attacker = newAddress();
    for (let i = 0; i < SIGN_IN.perEmail!.limit * 2; i++) await attempt(user.email, `guess-${i}-password`, attacker);
    expect(await attempt(user.email, TEST_PASSWORD, newAddress())).toBe("signed in");
  });
});

describe("signing up and accepting an invite", () => {
  const account = (email: string) => ({ name: "New Person", email, password: "a fine long password", organizationName: "New Org" });

  it("throttles sign-up per address before hashing, and says when to retry", async () => {
    const address = newAddress();
    const limit = THROTTLE_RULES["sign-up"].perAddress.limit;
    for (let i = 0; i < limit; i++) await signUp(account(`signup-${i}-${Date.now()}@example.test`), { clientAddress: address });
    const hashed = hashings();
    await expect(signUp(account(`signup-late-${Date.now()}@example.test`), { clientAddress: address })).rejects.toThrow(
      /^Too many sign-up attempts\. Try again in 60 minutes\.$/,
    );
    expect(hashings()).toBe(hashed);
    expect(await db().user.count({ where: { email: { startsWith: "signup-late-" } } })).toBe(0);
    await expect(signUp(account(`signup-elsewhere-${Date.now()}@example.test`), { clientAddress: newAddress() })).resolves.toBeTruthy();
  });

  it("throttles the same email from one address even when each try fails", async () => {
    const taken = await createUser();
    const address = newAddress();
    const limit = THROTTLE_RULES["sign-up"].perEmailFromAddress.limit;
    for (let i = 0; i < limit; i++) await expect(signUp(account(taken.email), { clientAddress: address })).rejects.toThrow(/already exists/);
    await expect(signUp(account(taken.email), { clientAddress: address })).rejects.toBeInstanceOf(RateLimitedError);
  });

  it("does not count input refused before hashing", async () => {
    const address = newAddress();
    for (let i = 0; i < 20; i++) {
      await expect(signUp({ name: "", email: "nope", password: "short", organizationName: "" }, { clientAddress: address })).rejects.toThrow(
        /fields need attention/,
      );
    }
    expect(hashings()).toBe(0);
    await expect(signUp(account(`valid-${Date.now()}@example.test`), { clientAddress: address })).resolves.toBeTruthy();
  });

  it("throttles accepting an invite with a new account per address, before hashing", async () => {
    const { organization, owner } = await createOrganization();
    const ctx = await memberContext(owner.id, organization.id);
    const address = newAddress();
    const limit = THROTTLE_RULES.invite.perAddress.limit;
    for (let i = 0; i < limit; i++) {
      await expect(acceptInviteWithNewAccount("no-such-token", account(`invitee-${i}@example.test`), { clientAddress: address })).rejects.toThrow(
        /invalid, expired, or already used/,
      );
    }
    const hashed = hashings();
    const invite = await createInvite(ctx, { role: "agent" });
    const token = invite.url.split("/invite/")[1]!;
    await expect(acceptInviteWithNewAccount(token, account("late@example.test"), { clientAddress: address })).rejects.toThrow(
      /^Too many attempts to join\. Try again in 15 minutes\.$/,
    );
    expect(hashings()).toBe(hashed);
    await expect(acceptInviteWithNewAccount(token, account("late@example.test"), { clientAddress: newAddress() })).resolves.toBeTruthy();
  });
});

describe("the address bucket", () => {
  it("is an IPv4 address itself and an IPv6 address's /64", () => {
    expect(addressBucket("203.0.113.7")).toBe("203.0.113.7");
    expect(addressBucket("2001:db8:1:2:3:4:5:6")).toBe("2001:db8:1:2::/64");
    expect(addressBucket("2001:0DB8:0001:0002::1")).toBe("2001:db8:1:2::/64");
    expect(addressBucket("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressBucket("::1")).toBe("0:0:0:0::/64");
    expect(addressBucket("unknown")).toBe("unknown");
  });
});
