import type { Metadata } from "next";
import { memberForPage } from "@/lib/auth/require-member";
import { listConnections } from "@/lib/connections";
import { listMembers } from "@/lib/organizations/members";
import { listTeams } from "@/lib/teams";
import { TeamCard } from "./TeamCard";
import { TeamForm } from "./TeamForm";

export const metadata: Metadata = { title: "Teams" };

export default async function TeamsPage() {
  const member = await memberForPage("admin", "/settings/teams");
  const [teams, members, connections] = await Promise.all([listTeams(member), listMembers(member), listConnections(member, "names")]);
  const people = members.map((m) => ({ userId: m.user.id, name: m.user.name, email: m.user.email, role: m.role }));
  return (
    <div className="stack">
      <header className="page-header">
        <h1>Teams</h1>
        <p>
          Who serves which connections in {member.organization.name}. Once there is a team, agents see only the conversations of the
          connections their teams serve (an agent in no team sees none); owners and admins see all. New and reopened conversations go to
          the team&apos;s online agents, the one with the most free capacity first.
        </p>
      </header>
      <section className="card" aria-labelledby="new-team-heading">
        <h2 id="new-team-heading">Create a team</h2>
        <TeamForm />
      </section>
      {teams.length === 0 && <p className="muted">No teams yet: every member sees every conversation.</p>}
      {teams.map((team) => (
        <TeamCard
          key={team.id}
          team={team}
          candidates={people.filter((p) => !team.members.some((m) => m.userId === p.userId))}
          connections={connections.filter((c) => !team.connections.some((served) => served.id === c.id))}
        />
      ))}
    </div>
  );
}
