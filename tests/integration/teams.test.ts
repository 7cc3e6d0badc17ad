// Settings → Teams (lib/teams/manage.ts through its server actions): owners and admins make teams, add the
// organization's members and connections to them, set lead and capacity; every change is audited; agents and other
// organizations are refused; and what they decide is what the access rule reads at once.
import { beforeAll, describe, expect, it } from "vitest";
import type { ActionResult } from "@/lib/actions/action";
import type { MemberContext } from "@/lib/auth/require-member";
import { db } from "@/lib/db";
import { connectionScope, listTeams } from "@/lib/teams";
import * as actions from "@/app/(app)/settings/teams/actions";
import { actAs, formData } from "../support/builders";
import { withTestDatabase } from "../support/database";
import { inboxOrganizations } from "../support/inbox";

withTestDatabase();

let owner: MemberContext;
let agent: MemberContext;
let connectionId: string;
let outsider: MemberContext;
let outsiderConnectionId: string;

beforeAll(async () => {
  const organizations = await inboxOrganizations();
  ({ owner, agent, outsider } = organizations);
  connectionId = organizations.connection.id;
  outsiderConnectionId = organizations.outsiderConnection.id;
});

const ok = async <T>(result: Promise<ActionResult<T>>) => {
  const settled = await result;
  expect(settled, JSON.stringify(settled)).toMatchObject({ ok: true });
  return settled;
};

async function newTeam(name: string) {
  await actAs(owner.actor.id, owner.organization.id);
  await ok(actions.createTeamAction(null, formData({ name })));
  return db().team.findFirstOrThrow({ where: { organizationId: owner.organization.id, name } });
}

describe("Settings → Teams", () => {
  it("makes a team of members and connections, with lead and capacity, each change audited, and the agent sees its connection", async () => {
    const team = await newTeam("Billing");
    await ok(actions.addTeamMemberAction(team.id, null, formData({ userId: agent.actor.id })));
    await ok(actions.addTeamConnectionAction(team.id, null, formData({ connectionId })));
    await ok(actions.updateTeamMemberAction({ teamId: team.id, userId: agent.actor.id, lead: true, capacity: 3 }));

    expect(await listTeams(owner)).toEqual([
      expect.objectContaining({ name: "Billing", members: [expect.objectContaining({ userId: agent.actor.id, lead: true, capacity: 3 })], connections: [expect.objectContaining({ id: connectionId })] }),
    ]);
    expect(await connectionScope(agent)).toEqual({ all: false, connectionIds: [connectionId] });
    const audit = await db().auditEvent.findMany({ where: { organizationId: owner.organization.id, action: { startsWith: "team." } }, orderBy: { createdAt: "asc" } });
    expect(audit.map((event) => event.action)).toEqual(["team.created", "team.member_added", "team.connection_added", "team.member_updated"]);

    await ok(actions.removeTeamConnectionAction({ teamId: team.id, connectionId }));
    expect(await connectionScope(agent)).toEqual({ all: false, connectionIds: [] });
    await ok(actions.removeTeamMemberAction({ teamId: team.id, userId: agent.actor.id }));
    await ok(actions.deleteTeamAction(team.id));
    expect(await db().team.count({ where: { organizationId: owner.organization.id } })).toBe(0);
  });

  it("refuses a second team of the same name, a non-member, another organization's connection, and a capacity out of range", async () => {
    const team = await newTeam("Sales");
    expect(await actions.createTeamAction(null, formData({ name: "Sales" }))).toMatchObject({ ok: false, fieldErrors: { name: ["is taken"] } });
    expect(await actions.addTeamMemberAction(team.id, null, formData({ userId: outsider.actor.id }))).toMatchObject({
      ok: false,
      error: "Only members of this organization can join its teams.",
    });
    expect(await actions.addTeamConnectionAction(team.id, null, formData({ connectionId: outsiderConnectionId }))).toMatchObject({
      ok: false,
      error: "Choose one of this organization's connections.",
    });
    await ok(actions.addTeamMemberAction(team.id, null, formData({ userId: agent.actor.id })));
    expect(await actions.updateTeamMemberAction({ teamId: team.id, userId: agent.actor.id, lead: false, capacity: -1 })).toMatchObject({ ok: false });
    expect(await db().teamConnection.count({ where: { teamId: team.id } })).toBe(0);
  });

  it("saves a team's business hours from the form, refuses a day that closes before it opens, and clears them when no day is open", async () => {
    const team = await newTeam("Hours");
    const hours = async () => (await db().team.findUniqueOrThrow({ where: { id: team.id } })).businessHours;
    await ok(actions.setTeamBusinessHoursAction(team.id, null, formData({ timeZone: "America/New_York", from1: "09:00", to1: "17:00", from5: "09:00", to5: "12:30" })));
    expect(await hours()).toEqual({ timeZone: "America/New_York", days: [{ day: 1, from: "09:00", to: "17:00" }, { day: 5, from: "09:00", to: "12:30" }] });
    expect(await actions.setTeamBusinessHoursAction(team.id, null, formData({ timeZone: "Mars/Olympus", from2: "17:00", to2: "09:00" }))).toMatchObject({
      ok: false,
      fieldErrors: { timeZone: ["is not a time zone (e.g. Europe/Paris)"] },
    });
    expect(await actions.setTeamBusinessHoursAction(team.id, null, formData({ timeZone: "UTC", from2: "17:00", to2: "09:00" }))).toMatchObject({
      ok: false,
      fieldErrors: { to2: ["must end after it starts"] },
    });
    await ok(actions.setTeamBusinessHoursAction(team.id, null, formData({ timeZone: "UTC" })));
    expect(await hours()).toBeNull();
  });

  it("refuses agents, and gives another organization's owner nothing of this organization's teams", async () => {
    const team = await newTeam("Support");
    const calls = [
      () => actions.createTeamAction(null, formData({ name: "Mine" })),
      () => actions.deleteTeamAction(team.id),
      () => actions.addTeamMemberAction(team.id, null, formData({ userId: agent.actor.id })),
      () => actions.addTeamConnectionAction(team.id, null, formData({ connectionId })),
      () => actions.updateTeamMemberAction({ teamId: team.id, userId: agent.actor.id, lead: true, capacity: 9 }),
      () => actions.removeTeamMemberAction({ teamId: team.id, userId: agent.actor.id }),
      () => actions.removeTeamConnectionAction({ teamId: team.id, connectionId }),
      () => actions.setTeamBusinessHoursAction(team.id, null, formData({ timeZone: "Europe/Paris", from1: "09:00", to1: "17:00" })),
    ];
    expect(calls).toHaveLength(Object.keys(actions).length);
    const before = JSON.stringify(await listTeams(owner));
    await actAs(agent.actor.id, agent.organization.id);
    for (const call of calls) expect(await call()).toMatchObject({ ok: false, error: "This needs the admin role or higher; you are an agent." });
    await actAs(outsider.actor.id, outsider.organization.id);
    for (const call of calls.slice(1)) expect(await call()).toMatchObject({ ok: false, error: "There is no such team in this organization." });
    expect(JSON.stringify(await listTeams(owner))).toBe(before);
  });
});
