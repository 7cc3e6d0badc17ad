import type { Metadata } from "next";
import { memberForPage } from "@/lib/auth/require-member";
import { listPendingInvites } from "@/lib/organizations/invites";
import { listMembers } from "@/lib/organizations/members";
import { InviteCreator } from "./InviteCreator";
import { MemberRow } from "./MemberRow";
import { PendingInvite } from "./PendingInvite";
import { TableHead } from "@/app/_components/TableHead";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage() {
  const member = await memberForPage("admin", "/settings/members");
  const [members, invites] = await Promise.all([listMembers(member), listPendingInvites(member)]);
  return (
    <div className="stack">
      <header className="page-header">
        <h1>Members</h1>
        <p>People in {member.organization.name} and what they may do.</p>
      </header>
      <section className="card" aria-labelledby="members-heading">
        <h2 id="members-heading">Team</h2>
        <table className="table">
          <TableHead columns={["Name", "Email", "Role"]} />
          <tbody>
            {members.map((m) => (
              <MemberRow
                key={m.id}
                membershipId={m.id}
                name={m.user.name}
                email={m.user.email}
                role={m.role}
                isSelf={m.user.id === member.actor.id}
                viewerRole={member.role}
              />
            ))}
          </tbody>
        </table>
      </section>
      <section className="card" aria-labelledby="invite-heading">
        <h2 id="invite-heading">Invite someone</h2>
        <p className="muted">Invite links work once and expire after 7 days.</p>
        <InviteCreator canInviteOwners={member.role === "owner"} />
        {invites.length > 0 && (
          <>
            <h3 style={{ marginTop: "1.25rem" }}>Pending invites</h3>
            <table className="table">
              <TableHead columns={["Role", "Created by", "Expires"]} />
              <tbody>
                {invites.map((invite) => (
                  <PendingInvite
                    key={invite.id}
                    id={invite.id}
                    role={invite.role}
                    createdBy={invite.createdBy.name}
                    expiresAt={invite.expiresAt.toISOString()}
                  />
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
    </div>
  );
}
