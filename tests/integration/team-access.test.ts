// The one access rule (lib/teams/access.ts): which connections' conversations a member sees, with and without teams,
// and that a change to teams or memberships applies to the very next question.
import { beforeAll, describe, expect, it } from "vitest";
import type { MemberContext } from "@/lib/auth/require-member";
import { db } from "@/lib/db";
import { connectionScope, EVERY_CONNECTION, memberSees, membersSeeing, reportScope, scopesOf } from "@/lib/teams";
import { addMember, createOrganization, memberContext } from "../support/builders";
import { withTestDatabase } from "../support/database";
import { createTeam } from "../support/teams";
import { createWebhookConnection } from "../support/webhooks";

withTestDatabase();

let organizationId: string;
let owner: MemberContext;
let admin: MemberContext;
let agent: MemberContext;
let connections: string[];

beforeAll(async () => {
  const created = await createOrganization();
  organizationId = created.organization.id;
  owner = await memberContext(created.owner.id, organizationId);
  admin = await memberContext((await addMember(organizationId, "admin")).id, organizationId);
  agent = await memberContext((await addMember(organizationId, "agent")).id, organizationId);
  connections = [];
  for (let i = 0; i < 3; i++) connections.push((await createWebhookConnection({ organizationId })).id);
});

const sorted = (ids: string[]) => [...ids].sort();

describe("an organization without teams", () => {
  it("lets every member see every connection, as before teams existed", async () => {
    for (const member of [owner, admin, agent]) expect(await connectionScope(member)).toEqual(EVERY_CONNECTION);
    expect(sorted(await membersSeeing(organizationId, connections[0]!))).toEqual(sorted([owner.actor.id, admin.actor.id, agent.actor.id]));
  });
});

describe("an organization with teams", () => {
  it("shows an agent only the connections their teams serve, and owners and admins everything", async () => {
    const { organization } = await createOrganization();
    const [ownerOf, agentA, agentB, loner] = [
      await memberContext((await db().membership.findFirstOrThrow({ where: { organizationId: organization.id } })).userId, organization.id),
      await memberContext((await addMember(organization.id, "agent")).id, organization.id),
      await memberContext((await addMember(organization.id, "agent")).id, organization.id),
      await memberContext((await addMember(organization.id, "agent")).id, organization.id),
    ];
    const [c1, c2, c3] = [
      (await createWebhookConnection({ organizationId: organization.id })).id,
      (await createWebhookConnection({ organizationId: organization.id })).id,
      (await createWebhookConnection({ organizationId: organization.id })).id,
    ];
    await createTeam({ organizationId: organization.id, members: [agentA.actor.id], connectionIds: [c1!, c2!] });
    await createTeam({ organizationId: organization.id, members: [agentA.actor.id, agentB.actor.id], connectionIds: [c2!, c3!] });

    expect(await connectionScope(ownerOf)).toEqual(EVERY_CONNECTION);
    expect(await connectionScope(agentA)).toEqual({ all: false, connectionIds: sorted([c1!, c2!, c3!]) });
    expect(await connectionScope(agentB)).toEqual({ all: false, connectionIds: sorted([c2!, c3!]) });
    // In no team: nothing, until an admin adds them to one.
    expect(await connectionScope(loner)).toEqual({ all: false, connectionIds: [] });

    expect(await memberSees(organization.id, agentB.actor.id, c1!)).toBe(false);
    expect(await memberSees(organization.id, agentB.actor.id, c3!)).toBe(true);
    expect(sorted(await membersSeeing(organization.id, c1!))).toEqual(sorted([ownerOf.actor.id, agentA.actor.id]));
    const scopes = await scopesOf(organization.id, [agentB.actor.id, loner.actor.id, owner.actor.id]);
    // Someone who is not a member of this organization has no scope in it.
    expect([...scopes.keys()].sort()).toEqual(sorted([agentB.actor.id, loner.actor.id]));
  });

  it("applies a change to teams at the next question: a member out, a connection out, a member gone", async () => {
    const { organization } = await createOrganization();
    const someone = await memberContext((await addMember(organization.id, "agent")).id, organization.id);
    const [c1, c2] = [(await createWebhookConnection({ organizationId: organization.id })).id, (await createWebhookConnection({ organizationId: organization.id })).id];
    const team = await createTeam({ organizationId: organization.id, members: [someone.actor.id], connectionIds: [c1, c2] });
    expect(await connectionScope(someone)).toEqual({ all: false, connectionIds: sorted([c1, c2]) });

    await db().teamConnection.delete({ where: { teamId_connectionId: { teamId: team.id, connectionId: c2 } } });
    expect(await connectionScope(someone)).toEqual({ all: false, connectionIds: [c1] });

    await db().teamMember.delete({ where: { teamId_userId: { teamId: team.id, userId: someone.actor.id } } });
    expect(await connectionScope(someone)).toEqual({ all: false, connectionIds: [] });

    await db().teamMember.create({ data: { teamId: team.id, organizationId: organization.id, userId: someone.actor.id } });
    await db().membership.delete({ where: { organizationId_userId: { organizationId: organization.id, userId: someone.actor.id } } });
    // Leaving the organization takes them out of its teams too.
    expect(await db().teamMember.count({ where: { userId: someone.actor.id } })).toBe(0);
    expect(await connectionScope(someone)).toEqual({ all: false, connectionIds: [] });
  });

  it("lets an agent promoted to admin see everything, and an admin made agent only their teams'", async () => {
    const { organization } = await createOrganization();
    const user = await addMember(organization.id, "agent");
    const connection = (await createWebhookConnection({ organizationId: organization.id })).id;
    await createTeam({ organizationId: organization.id, connectionIds: [connection] });
    expect((await scopesOf(organization.id, [user.id])).get(user.id)).toEqual({ all: false, connectionIds: [] });
    await db().membership.update({ where: { organizationId_userId: { organizationId: organization.id, userId: user.id } }, data: { role: "admin" } });
    expect((await scopesOf(organization.id, [user.id])).get(user.id)).toEqual(EVERY_CONNECTION);
  });
});

describe("reports", () => {
  it("are every team's for owners and admins, the led teams' for a lead, and none for another agent", async () => {
    const { organization } = await createOrganization();
    const lead = await memberContext((await addMember(organization.id, "agent")).id, organization.id);
    const member = await memberContext((await addMember(organization.id, "agent")).id, organization.id);
    const connection = (await createWebhookConnection({ organizationId: organization.id })).id;
    const led = await createTeam({
      organizationId: organization.id,
      members: [{ userId: lead.actor.id, lead: true }, member.actor.id],
      connectionIds: [connection],
    });
    await createTeam({ organizationId: organization.id, members: [lead.actor.id] });
    expect(await reportScope(owner)).toEqual({ all: true });
    expect(await reportScope(lead)).toEqual({ all: false, teamIds: [led.id], connectionIds: [connection] });
    expect(await reportScope(member)).toEqual({ all: false, teamIds: [], connectionIds: [] });
  });
});
