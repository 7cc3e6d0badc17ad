import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { createSession, deleteSession, resolveSession } from "@/lib/auth/sessions";
import { verifyCredentials } from "@/lib/auth/sign-in";
import { db } from "@/lib/db";
import { ConflictError, InvalidInputError } from "@/lib/errors";
import { createUser, TEST_PASSWORD } from "../support/builders";
import { withTestDatabase } from "../support/database";
import { signUp } from "../support/parsed-use-cases";

withTestDatabase();

const from = { clientAddress: "192.0.2.10" };

describe("sign-up", () => {
  it("creates the person, their organization, and makes them its owner", async () => {
    const { user, organization } = await signUp(
      { name: "Ada Lovelace", email: "  Ada@Example.TEST ", password: "a long enough password", organizationName: "Analytical Engines" },
      from,
    );
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
    const attempt = signUp({ name: "", email: "not-an-email", password: "short", organizationName: "" }, from);
    await expect(attempt).rejects.toBeInstanceOf(InvalidInputError);
    const error = (await attempt.catch((e) => e)) as InvalidInputError;
    expect(Object.keys(error.fieldErrors).sort()).toEqual(["email", "name", "organizationName", "password"]);
  });

  it("refuses a second account with the same email, whatever its case", async () => {
    await createUser({ email: "taken@example.test" });
    await expect(
      signUp({ name: "B", email: "TAKEN@example.test", password: "another long password", organizationName: "B" }, from),
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
