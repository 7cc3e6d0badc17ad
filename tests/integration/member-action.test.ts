// The one wrapper server actions are made with: the input parsed by the schema (a form's fields, its lists, a value
// the page bound), the caller authorized, the use-case run with typed input, the page revalidated, and every outcome
// answered as form state.
import { revalidatePath } from "next/cache";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { formInput } from "@/lib/actions/action";
import { memberAction, nothing } from "@/lib/actions/member-action";
import { ConflictError } from "@/lib/errors";
import { actAs, addMember, createOrganization, formData } from "../support/builders";
import { withTestDatabase } from "../support/database";

vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-sunbridge-client-address": "192.0.2.7" }) }));

withTestDatabase();

const useCase = vi.fn(async (_caller: unknown, input: { id: string; name: string; tags: string[] }) => ({ saved: input.name }));
const renameThing = memberAction(z.object({ id: z.string(), name: z.string().trim().min(1, "Enter a name."), tags: z.array(z.string()) }), "admin", useCase, {
  input: formInput({ bound: "id", lists: ["tags"] }),
  revalidate: ({ id }) => [`/things/${id}`, "layout"],
  message: "Saved.",
});

beforeEach(() => vi.clearAllMocks());

async function signedIn(role: "owner" | "admin" | "agent") {
  const { organization } = await createOrganization();
  const user = await addMember(organization.id, role);
  await actAs(user.id, organization.id);
  return { user, organization };
}

describe("a member action", () => {
  it("runs the use-case for the member with the parsed form, the bound value and its lists, then revalidates", async () => {
    const { user, organization } = await signedIn("admin");
    const result = await renameThing("thing-1", null, formData({ name: "  Lamp ", tags: ["a", "b"] }));
    expect(result).toEqual({ ok: true, data: { saved: "Lamp" }, message: "Saved." });
    expect(useCase).toHaveBeenCalledWith(
      expect.objectContaining({ actor: expect.objectContaining({ id: user.id }), organization: expect.objectContaining({ id: organization.id }), role: "admin" }),
      { id: "thing-1", name: "Lamp", tags: ["a", "b"] },
    );
    expect(revalidatePath).toHaveBeenCalledWith("/things/thing-1", "layout");
  });

  it("answers the schema's field errors, and runs nothing", async () => {
    await signedIn("owner");
    const result = await renameThing("thing-1", null, formData({ name: " " }));
    expect(result).toEqual({ ok: false, error: "Some fields need attention.", fieldErrors: { name: ["Enter a name."] } });
    expect(useCase).not.toHaveBeenCalled();
    expect(revalidatePath).not.toHaveBeenCalled();
  });

  it("treats a call without a form as a form with no fields", async () => {
    await signedIn("owner");
    const result = await (renameThing as (...args: unknown[]) => ReturnType<typeof renameThing>)("thing-1", null, { name: "Lamp" });
    expect(result).toMatchObject({ ok: false, fieldErrors: { name: [expect.any(String)], tags: [expect.any(String)] } });
    expect(useCase).not.toHaveBeenCalled();
  });

  it("refuses whoever is not signed in, or has too little role, before the use-case runs", async () => {
    await actAs(null);
    expect(await renameThing("thing-1", null, formData({ name: "Lamp" }))).toEqual({ ok: false, error: "Sign in to continue." });
    await signedIn("agent");
    expect(await renameThing("thing-1", null, formData({ name: "Lamp" }))).toEqual({
      ok: false,
      error: "This needs the admin role or higher; you are an agent.",
    });
    expect(useCase).not.toHaveBeenCalled();
    expect(revalidatePath).not.toHaveBeenCalled();
  });

  it("maps the use-case's typed errors to form state, and revalidates nothing after a failure", async () => {
    await signedIn("admin");
    const refusing = memberAction(z.string(), "agent", async () => Promise.reject(new ConflictError("Already done.")), { field: "id", revalidate: "/things" });
    expect(await refusing("thing-1")).toEqual({ ok: false, error: "Already done." });
    expect(await refusing(42 as unknown as string)).toMatchObject({ ok: false, fieldErrors: { id: [expect.any(String)] } });
    expect(revalidatePath).not.toHaveBeenCalled();
  });
});

describe("actions for people who are not members yet", () => {
  it("gives a signed-in action the session, and a public one the caller's address", async () => {
    const { user } = await signedIn("agent");
    const whoAmI = memberAction(z.undefined(), "signed-in", async (session) => session.user.id, { input: () => undefined });
    expect(await whoAmI()).toEqual({ ok: true, data: user.id, message: undefined });
    const onwards = memberAction(z.undefined(), "signed-in", async () => undefined, { input: () => undefined, redirect: () => "/inbox" });
    await expect(onwards()).rejects.toMatchObject({ digest: expect.stringContaining(";/inbox;") });
    await actAs(null);
    expect(await whoAmI()).toEqual({ ok: false, error: "Sign in to continue." });
    expect(await onwards()).toEqual({ ok: false, error: "Sign in to continue." });
    const whereFrom = memberAction(z.undefined(), "public", async (request) => request.clientAddress, { input: () => undefined, returns: (address) => address });
    expect(await whereFrom()).toMatchObject({ ok: true, data: "192.0.2.7" });
    const quiet = memberAction(z.undefined(), "public", async () => "secret", { input: () => undefined, returns: nothing });
    expect(await quiet()).toEqual({ ok: true, data: undefined, message: undefined });
  });
});
