import { beforeEach, describe, expect, it, vi } from "vitest";
import { requireMember } from "@/lib/auth/require-member";
import { db } from "@/lib/db";
import { ConflictError, ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import {
  acceptInvite,
  acceptInviteWithNewAccount,
  createInvite,
  describeInvite,
  revokeInvite,
} from "@/lib/organizations/invites";
import { changeMemberRole, removeMember } from "@/lib/organizations/members";
import { actAs, addMember, createOrganization, createUser, memberContext } from "../support/builders";
import { withTestDatabase } from "../support/database";

withTestDatabase();

const tokenOf = (url: string) => url.split("/invite/")[1]!;
const newAccount = (email: string) => ({ name: "New Person", email, password: "a fine long password" });
const from = { clientAddress: "192.0.2.20" };

describe("requireMember", () => {
  it("refuses when nobody is signed in", async () => {
    await actAs(null);
    await expect(requireMember()).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it("grants the active organization's membership with the member's role", async () => {
    const { organization, owner } = await createOrganization();
    await actAs(owner.id, organization.id);
    await expect(requireMember(null, "owner")).resolves.toMatchObject({ organization: { id: organization.id }, role: "owner" });
  });

  it("refuses an organization the user does not belong to, whatever their role elsewhere", async () => {
    const mine = await createOrganization();
    const theirs = await createOrganization();
    await actAs(mine.owner.id, mine.organization.id);
    await expect(requireMember(theirs.organization.id)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("refuses a role below the one asked for", async () => {
    const { organization } = await createOrganization();
    const agent = await addMember(organization.id, "agent");
    await actAs(agent.id, organization.id);
    await expect(requireMember(null, "agent")).resolves.toMatchObject({ role: "agent" });
    await expect(requireMember(null, "admin")).rejects.toThrow(/needs the admin role or higher; you are an agent/);
  });

  it("stops granting access as soon as the membership is removed", async () => {
    const { organization } = await createOrganization();
    const agent = await addMember(organization.id, "agent");
    await actAs(agent.id, organization.id);
    await db().membership.deleteMany({ where: { userId: agent.id } });
    await expect(requireMember(organization.id)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("invite links", () => {
  it("let a new person create an account and join with the invite's role, once", async () => {
    const { organization, owner } = await createOrganization();
    const invite = await createInvite(await memberContext(owner.id, organization.id), { role: "admin" });
    expect(invite.url).toMatch(/^http:\/\/localhost:3999\/invite\/[\w-]{43}$/);

    const { user } = await acceptInviteWithNewAccount(tokenOf(invite.url), newAccount("first@example.test"), from);
    const membership = await db().membership.findFirstOrThrow({ where: { userId: user.id } });
    expect(membership).toMatchObject({ organizationId: organization.id, role: "admin" });

    await expect(acceptInviteWithNewAccount(tokenOf(invite.url), newAccount("second@example.test"), from)).rejects.toThrow(
      /invalid, expired, or already used/,
    );
    expect(await db().user.count({ where: { email: "second@example.test" } })).toBe(0);
    expect((await describeInvite(tokenOf(invite.url)))?.status).toBe("used");
  });

  it("let an existing user join, and only one of two simultaneous accepts wins", async () => {
    const { organization, owner } = await createOrganization();
    const invite = await createInvite(await memberContext(owner.id, organization.id), { role: "agent" });
    const [a, b] = [await createUser(), await createUser()];
    const results = await Promise.allSettled([acceptInvite(tokenOf(invite.url), a.id), acceptInvite(tokenOf(invite.url), b.id)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db().membership.count({ where: { organizationId: organization.id } })).toBe(2);
  });

  it("stop working when expired or withdrawn", async () => {
    const { organization, owner } = await createOrganization();
    const ctx = await memberContext(owner.id, organization.id);
    const expired = await createInvite(ctx, { role: "agent" });
    await db().invite.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    const withdrawn = await createInvite(ctx, { role: "agent" });
    await revokeInvite(ctx, withdrawn.id);

    const someone = await createUser();
    await expect(acceptInvite(tokenOf(expired.url), someone.id)).rejects.toBeInstanceOf(ConflictError);
    await expect(acceptInvite(tokenOf(withdrawn.url), someone.id)).rejects.toBeInstanceOf(ConflictError);
    expect((await describeInvite(tokenOf(expired.url)))?.status).toBe("expired");
    expect((await describeInvite(tokenOf(withdrawn.url)))?.status).toBe("revoked");
    expect(await describeInvite("not-a-real-token")).toBeNull();
  });

  it("store only a hash of the token", async () => {
    const { organization, owner } = await createOrganization();
    const invite = await createInvite(await memberContext(owner.id, organization.id), { role: "agent" });
    const stored = await db().invite.findUniqueOrThrow({ where: { id: invite.id } });
    expect(stored.tokenHash).not.toContain(tokenOf(invite.url));
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("can be created only by owners and admins, and owner invites only by owners", async () => {
    const { organization } = await createOrganization();
    const admin = await addMember(organization.id, "admin");
    const agent = await addMember(organization.id, "agent");
    await expect(createInvite(await memberContext(agent.id, organization.id), { role: "agent" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createInvite(await memberContext(admin.id, organization.id), { role: "owner" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createInvite(await memberContext(admin.id, organization.id), { role: "agent" })).resolves.toBeDefined();
  });
});

describe("members", () => {
  it("an organization keeps at least one owner", async () => {
    const { organization, owner } = await createOrganization();
    const ctx = await memberContext(owner.id, organization.id);
    const membership = await db().membership.findFirstOrThrow({ where: { userId: owner.id } });
    await expect(changeMemberRole(ctx, membership.id, { role: "agent" })).rejects.toThrow(/at least one owner/);
    await expect(removeMember(ctx, membership.id)).rejects.toThrow(/at least one owner/);
  });

  it("admins cannot touch owners; members of other organizations cannot touch anyone", async () => {
    const { organization, owner } = await createOrganization();
    const admin = await addMember(organization.id, "admin");
    const ownerMembership = await db().membership.findFirstOrThrow({ where: { userId: owner.id } });
    await expect(removeMember(await memberContext(admin.id, organization.id), ownerMembership.id)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    const other = await createOrganization();
    await expect(
      removeMember(await memberContext(other.owner.id, other.organization.id), ownerMembership.id),
    ).rejects.toThrow(/not in this organization/);
    expect(await db().membership.count({ where: { organizationId: organization.id } })).toBe(2);
  });
});

describe("member server actions", () => {
  beforeEach(() => vi.clearAllMocks());

  it("refuse agents and outsiders and change nothing", async () => {
    const { createInviteAction, removeMemberAction, changeRoleAction } = await import("@/app/(app)/settings/members/actions");
    const { organization } = await createOrganization();
    const agent = await addMember(organization.id, "agent");
    const target = await addMember(organization.id, "agent");
    const targetMembership = await db().membership.findFirstOrThrow({ where: { userId: target.id } });
    const outsider = await createOrganization();
    const form = new FormData();
    form.set("role", "agent");

    for (const [userId, orgId] of [
      [agent.id, organization.id],
      [outsider.owner.id, outsider.organization.id],
    ] as const) {
      await actAs(userId, orgId);
      const invite = await createInviteAction(null, form);
      const removal = await removeMemberAction(targetMembership.id);
      const promotion = await changeRoleAction(targetMembership.id, "admin");
      expect(removal.ok).toBe(false);
      expect(promotion.ok).toBe(false);
      if (userId === agent.id) expect(invite.ok).toBe(false);
    }
    expect(await db().invite.count({ where: { organizationId: organization.id } })).toBe(0);
    expect((await db().membership.findUniqueOrThrow({ where: { id: targetMembership.id } })).role).toBe("agent");
  });
});

describe("the audit log", () => {
  it("records member and invite changes, failures included, and refuses edits", async () => {
    const { organization, owner } = await createOrganization();
    const ctx = await memberContext(owner.id, organization.id);
    const agent = await addMember(organization.id, "agent");
    const agentMembership = await db().membership.findFirstOrThrow({ where: { userId: agent.id } });
    const ownerMembership = await db().membership.findFirstOrThrow({ where: { userId: owner.id } });

    const invite = await createInvite(ctx, { role: "agent" });
    await changeMemberRole(ctx, agentMembership.id, { role: "admin" });
    await expect(removeMember(ctx, ownerMembership.id)).rejects.toThrow(/at least one owner/);

    const events = await db().auditEvent.findMany({ where: { organizationId: organization.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.result])).toEqual([
      ["invite.created", "success"],
      ["member.role_changed", "success"],
      ["member.removed", "failure"],
    ]);
    expect(events[1]).toMatchObject({ target: agent.email, before: { role: "agent" }, after: { role: "admin" }, actorId: owner.id });
    expect(events[2]!.error).toMatch(/at least one owner/);
    const stored = JSON.stringify(events, (_key, value) => (typeof value === "bigint" ? String(value) : value));
    expect(stored).not.toContain(invite.url.split("/invite/")[1]);

    await expect(db().auditEvent.update({ where: { id: events[0]!.id }, data: { action: "tampered" } })).rejects.toThrow(/append-only/);
    await expect(db().auditEvent.deleteMany({ where: { organizationId: organization.id } })).rejects.toThrow(/append-only/);
  });
});
