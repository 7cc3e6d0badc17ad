"use client";
// One team: its members (lead, capacity), the connections it serves, and forms to add either.
import { ActionMessage } from "@/app/_components/ActionMessage";
import { TableHead } from "@/app/_components/TableHead";
import { useActionState, useState, useTransition } from "react";
import type { ActionResult, ActionState } from "@/lib/actions/action";
import type { TeamView } from "@/lib/teams";
import {
  addTeamConnectionAction,
  addTeamMemberAction,
  deleteTeamAction,
  removeTeamConnectionAction,
  removeTeamMemberAction,
  updateTeamMemberAction,
} from "./actions";
import { BusinessHoursForm } from "./BusinessHoursForm";
import type { BusinessHours } from "@/lib/reports/schemas";

interface Props {
  team: TeamView;
  candidates: { userId: string; name: string; email: string; role: string }[];
  connections: { id: string; appName: string }[];
}

/** Runs a one-click action and keeps its outcome to show. */
function useRun() {
  const [pending, start] = useTransition();
  const [outcome, setOutcome] = useState<ActionState<unknown>>(null);
  const run = (work: () => Promise<ActionResult<unknown>>) => start(async () => setOutcome(await work()));
  return { pending, outcome, run };
}

function MemberRow({ teamId, member }: { teamId: string; member: TeamView["members"][number] }) {
  const { pending, outcome, run } = useRun();
  const [lead, setLead] = useState(member.lead);
  const [capacity, setCapacity] = useState(String(member.capacity));
  const prefix = `team-${teamId}-member-${member.userId}`;
  return (
    <tr>
      <td>
        {member.name}
        <div className="muted">{member.email}</div>
      </td>
      <td>
        <input id={`${prefix}-lead`} type="checkbox" checked={lead} onChange={(event) => setLead(event.currentTarget.checked)} />{" "}
        <label htmlFor={`${prefix}-lead`}>Lead</label>
      </td>
      <td>
        <label className="visually-hidden" htmlFor={`${prefix}-capacity`}>
          Capacity of {member.name}
        </label>
        <input
          id={`${prefix}-capacity`}
          type="number"
          min={0}
          max={100}
          value={capacity}
          style={{ width: "5rem" }}
          onChange={(event) => setCapacity(event.currentTarget.value)}
        />
      </td>
      <td>
        <div className="row">
          <button
            type="button"
            className="button small"
            disabled={pending}
            onClick={() => run(() => updateTeamMemberAction({ teamId, userId: member.userId, lead, capacity: Number(capacity) }))}
          >
            Save
          </button>
          <button
            type="button"
            className="button secondary small"
            disabled={pending}
            aria-label={`Remove ${member.name} from the team`}
            onClick={() => run(() => removeTeamMemberAction({ teamId, userId: member.userId }))}
          >
            Remove
          </button>
        </div>
        <ActionMessage state={outcome} />
      </td>
    </tr>
  );
}

export function TeamCard({ team, candidates, connections }: Props) {
  const [memberState, addMember, addingMember] = useActionState<ActionState, FormData>(addTeamMemberAction.bind(null, team.id), null);
  const [connectionState, addConnection, addingConnection] = useActionState<ActionState, FormData>(addTeamConnectionAction.bind(null, team.id), null);
  const { pending, outcome, run } = useRun();
  const headingId = `team-${team.id}-heading`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <div className="spread">
        <h2 id={headingId}>{team.name}</h2>
        <button
          type="button"
          className="button danger small"
          disabled={pending}
          aria-label={`Delete ${team.name}`}
          onClick={() => {
            if (!window.confirm(`Delete the team "${team.name}"? Its agents will no longer see its connections' conversations.`)) return;
            run(() => deleteTeamAction(team.id));
          }}
        >
          Delete
        </button>
      </div>
      <ActionMessage state={outcome} />

      <h3>Members</h3>
      {team.members.length === 0 ? (
        <p className="muted">No members yet.</p>
      ) : (
        // A narrow screen scrolls the table inside the card rather than the page.
        <div style={{ overflowX: "auto" }}>
          <table className="table">
            <TableHead columns={["Name", "Lead (sees reports)", "Capacity"]} />
            <tbody>
              {team.members.map((member) => (
                <MemberRow key={member.userId} teamId={team.id} member={member} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {candidates.length > 0 && (
        <form action={addMember} className="row" style={{ marginTop: "0.75rem", alignItems: "flex-end" }}>
          <div className="field">
            <label htmlFor={`${headingId}-add-member`}>Add a member</label>
            <select id={`${headingId}-add-member`} name="userId" required>
              {candidates.map((person) => (
                <option key={person.userId} value={person.userId}>
                  {person.name} ({person.role})
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button secondary" disabled={addingMember}>
            Add member
          </button>
        </form>
      )}
      <ActionMessage state={memberState} />

      <h3>Connections served</h3>
      {team.connections.length === 0 ? (
        <p className="muted">None yet: the team&apos;s agents see no conversation until it serves a connection.</p>
      ) : (
        <ul className="plain-list">
          {team.connections.map((connection) => (
            <li key={connection.id} className="row">
              <span>{connection.appName}</span>
              <button
                type="button"
                className="button secondary small"
                disabled={pending}
                aria-label={`Stop serving ${connection.appName}`}
                onClick={() => run(() => removeTeamConnectionAction({ teamId: team.id, connectionId: connection.id }))}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {connections.length > 0 && (
        <form action={addConnection} className="row" style={{ marginTop: "0.75rem", alignItems: "flex-end" }}>
          <div className="field">
            <label htmlFor={`${headingId}-add-connection`}>Add a connection</label>
            <select id={`${headingId}-add-connection`} name="connectionId" required>
              {connections.map((connection) => (
                <option key={connection.id} value={connection.id}>
                  {connection.appName}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button secondary" disabled={addingConnection}>
            Add connection
          </button>
        </form>
      )}
      <ActionMessage state={connectionState} />

      <h3>Business hours</h3>
      <BusinessHoursForm teamId={team.id} teamName={team.name} hours={team.businessHours as BusinessHours | null} />
    </section>
  );
}
