// The one authorization check: every server action (through memberAction, lib/actions) and route handler touching
// organization data calls requireMember (pages use memberForPage, which turns refusals into a redirect or a 403 page).
import { forbidden, redirect } from "next/navigation";
import type { Role } from "@/lib/db/generated/enums";
import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import { roleAtLeast, type MemberContext } from "./actor";
import { getCurrentSession } from "./current-session";
import { signInPath } from "./return-path";
import type { ResolvedSession } from "./sessions";

export { roleAtLeast, type MemberContext } from "./actor";

export async function requireSession(): Promise<ResolvedSession> {
  const session = await getCurrentSession();
  if (!session) throw new UnauthenticatedError();
  return session;
}

/**
 * The signed-in user's membership of `organizationId` (their active organization when omitted), with at
 * least `minimum` role. Being a member of another organization grants nothing here.
 */
export async function requireMember(organizationId?: string | null, minimum: Role = "agent"): Promise<MemberContext> {
  const session = await requireSession();
  return membershipOf(session, organizationId ?? session.activeOrganizationId, minimum);
}

export function membershipOf(session: ResolvedSession, organizationId: string | null, minimum: Role): MemberContext {
  const membership = session.memberships.find((m) => m.organizationId === organizationId);
  if (!membership) throw new ForbiddenError("You are not a member of this organization.");
  if (!roleAtLeast(membership.role, minimum)) {
    throw new ForbiddenError(`This needs the ${minimum} role or higher; you are ${article(membership.role)} ${membership.role}.`);
  }
  return {
    actor: { kind: "member", ...session.user },
    organization: { id: membership.organizationId, name: membership.organizationName },
    role: membership.role,
    sessionId: session.id,
  };
}

function article(word: string) {
  return /^[aeiou]/.test(word) ? "an" : "a";
}

/** For pages: no session → sign-in (coming back here afterwards); too little role → the 403 page. */
export async function memberForPage(minimum: Role = "agent", returnTo?: string): Promise<MemberContext> {
  const session = await getCurrentSession();
  if (!session) redirect(signInPath(returnTo));
  if (!session.activeOrganizationId) redirect("/welcome");
  try {
    return membershipOf(session, session.activeOrganizationId, minimum);
  } catch (error) {
    if (error instanceof ForbiddenError) forbidden();
    throw error;
  }
}
