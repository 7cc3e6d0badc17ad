import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { createSession, deleteSession, resolveSession } from "@/lib/auth/sessions";
import { SIGN_IN_FAILURES_PER_EMAIL, verifyCredentials } from "@/lib/auth/sign-in";
import { db } from "@/lib/db";
import { ConflictError, InvalidInputError, RateLimitedError } from "@/lib/errors";
import { signUp } from "@/lib/organizations/sign-up";
import { createUser, TEST_PASSWORD } from "../support/builders";
import { withTestDatabase } from "../support/database";

withTestDatabase();

describe("sign-up", () => {
  it("creates the person, their organization, and makes them its owner", async () => {
    const { user, organization } = await signUp({
      name: "Ada Lovelace",
      email: "  Ada@Example.TEST ",
      password: "a long enough password",
      organizationName: "Analytical Engines",
    });
    expect(user.email).toBe("ada@example.test");
    const membership = await db().membership.findUniqueOrThrow({
      where: { organizationId_userId: { organizationId: organization.id, userId: user.id } },
    });
    expect(membership.role).toBe("owner");
    const stored = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.passwordHash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(stored.passwordHash).not.toContain("a long enough password");
    expect(await verifyPassword("a long enough password", stored.passwordHash)).toBe(true);
  });

  it("names each invalid field", async () => {
    const attempt = signUp({ name: "", email: "not-an-email", password: "short", organizationName: "" });
    await expect(attempt).rejects.toBeInstanceOf(InvalidInputError);
    const error = (await attempt.catch((e) => e)) as InvalidInputError;
    expect(Object.keys(error.fieldErrors).sort()).toEqual(["email", "name", "organizationName", "password"]);
  });

  it("refuses a second account with the same email, whatever its case", async () => {
    await createUser({ email: "taken@example.test" });
    await expect(
      signUp({ name: "B", email: "TAKEN@example.test", password: "another long password", organizationName: "B" }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await db().organization.count({ where: { name: "B" } })).toBe(0);
  });
});

describe("signing in", () => {
  it("accepts the right password and rejects a wrong one or an unknown email alike", async () => {
    const user = await createUser();
    expect(await verifyCredentials({ email: user.email.toUpperCase(), password: TEST_PASSWORD }, "10.0.0.1")).toMatchObject({
      id: user.id,
    });
    expect(await verifyCredentials({ email: user.email, password: "wrong password!" }, "10.0.0.1")).toBeNull();
    expect(await verifyCredentials({ email: "nobody@example.test", password: TEST_PASSWORD }, "10.0.0.1")).toBeNull();
  });

  it("throttles an email after repeated failures, even for the right password, and says when to retry", async () => {
    const user = await createUser();
    for (let i = 0; i < SIGN_IN_FAILURES_PER_EMAIL.limit; i++) {
      expect(await verifyCredentials({ email: user.email, password: `wrong-${i}-password` }, `10.1.0.${i}`)).toBeNull();
    }
    const attempt = verifyCredentials({ email: user.email, password: TEST_PASSWORD }, "10.2.0.1");
    await expect(attempt).rejects.toBeInstanceOf(RateLimitedError);
    await expect(verifyCredentials({ email: user.email, password: TEST_PASSWORD }, "10.2.0.1")).rejects.toThrow(
      /Too many failed sign-in attempts\. Try again in 15 minutes\./,
    );
  });

  it("counts failures for unknown emails too, so probing for accounts is throttled the same way", async () => {
    for (let i = 0; i < SIGN_IN_FAILURES_PER_EMAIL.limit; i++) {
      await verifyCredentials({ email: "ghost@example.test", password: "whatever-password" }, "10.3.0.1");
    }
    await expect(verifyCredentials({ email: "ghost@example.test", password: "x-password" }, "10.3.0.2")).rejects.toBeInstanceOf(
      RateLimitedError,
    );
  });

  it("clears the failure count after a successful sign-in", async () => {
    const user = await createUser();
    for (let i = 0; i < SIGN_IN_FAILURES_PER_EMAIL.limit - 1; i++) {
      await verifyCredentials({ email: user.email, password: "nope-nope-nope" }, "10.4.0.1");
    }
    expect(await verifyCredentials({ email: user.email, password: TEST_PASSWORD }, "10.4.0.1")).not.toBeNull();
    for (let i = 0; i < SIGN_IN_FAILURES_PER_EMAIL.limit - 1; i++) {
      await verifyCredentials({ email: user.email, password: "nope-nope-nope" }, "10.4.0.1");
    }
    expect(await verifyCredentials({ email: user.email, password: TEST_PASSWORD }, "10.4.0.1")).not.toBeNull();
  });
});

describe("sessions", () => {
  it("live in the database: a deleted session no longer resolves", async () => {
    const user = await createUser();
    const id = await createSession(user.id, "vitest");
    expect((await resolveSession(id))?.user.id).toBe(user.id);
    await deleteSession(id);
    expect(await resolveSession(id)).toBeNull();
  });

  it("do not resolve once expired", async () => {
    const user = await createUser();
    const id = await createSession(user.id);
    await db().session.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await resolveSession(id)).toBeNull();
  });
});
