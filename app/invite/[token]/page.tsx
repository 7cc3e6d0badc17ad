import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/app/(auth)/_components/AuthCard";
import { getCurrentSession } from "@/lib/auth/current-session";
import { signInPath } from "@/lib/auth/return-path";
import { describeInvite, type InviteStatus } from "@/lib/organizations/invites";
import { AcceptInvite } from "./AcceptInvite";

export const metadata: Metadata = { title: "Invitation" };

const UNUSABLE: Record<Exclude<InviteStatus, "valid">, string> = {
  used: "This invite link has already been used. Ask for a new one if you still need to join.",
  expired: "This invite link has expired. Ask for a new one.",
  revoked: "This invite link was withdrawn. Ask for a new one.",
};

export default async function InvitePage({ params }: PageProps<"/invite/[token]">) {
  const { token } = await params;
  const invite = await describeInvite(token);
  if (!invite) {
    return (
      <AuthCard title="Invitation not found">
        <p>This invite link is not valid. Check that you copied all of it.</p>
      </AuthCard>
    );
  }
  if (invite.status !== "valid") {
    return (
      <AuthCard title="Invitation unavailable">
        <p role="alert">{UNUSABLE[invite.status]}</p>
        <Link href="/sign-in">Go to sign in</Link>
      </AuthCard>
    );
  }
  const session = await getCurrentSession();
  const alreadyMember = session?.memberships.some((m) => m.organizationId === invite.organizationId) ?? false;
  return (
    <AuthCard title={`Join ${invite.organizationName}`}>
      <p>
        You&apos;ve been invited to <strong>{invite.organizationName}</strong> as {invite.role === "agent" ? "an" : "a"}{" "}
        <strong>{invite.role}</strong>.
      </p>
      <AcceptInvite
        token={token}
        signedInAs={session?.user.email ?? null}
        alreadyMember={alreadyMember}
        signInHref={signInPath(`/invite/${encodeURIComponent(token)}`)}
      />
    </AuthCard>
  );
}
