// Who acts in a use-case, and where: a member signed in to Sunbridge's pages, or one of the organization's API keys
// calling /api/v1 for the partner's backend. Use-cases both can reach take an ActorContext; those only people use
// (drafts, saved replies, members…) keep taking a MemberContext, so the compiler says which is which.
import { ForbiddenError } from "@/lib/errors";
import type { Role } from "@/lib/db/generated/enums";

/** What an API key may do: `read` reads; `send` messages, notes, typing, read marks, assignment and status; `manage`
 * connections' partner labels and event endpoints. Each scope stands alone: a key holds exactly those it was given. */
export const API_SCOPES = ["read", "send", "manage"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export interface MemberActor {
  kind: "member";
  /** The user's id. */
  id: string;
  name: string;
  email: string;
}

export interface ApiKeyActor {
  kind: "api_key";
  /** The API key's id (never a user's). */
  id: string;
  name: string;
  /** The key's public prefix, as the API keys page lists it. */
  prefix: string;
}

export type Actor = MemberActor | ApiKeyActor;

const RANK: Record<Role, number> = { agent: 1, admin: 2, owner: 3 };

export function roleAtLeast(role: Role, minimum: Role) {
  return RANK[role] >= RANK[minimum];
}

/** A member acting in their active organization. */
export interface MemberContext {
  actor: MemberActor;
  organization: { id: string; name: string };
  role: Role;
  sessionId: string;
}

/**
 * An organization's API key acting for the partner's backend. It sees the whole organization — every connection and
 * every conversation, as its owners and admins do — and its scopes limit what it may do, never what it sees.
 */
export interface ApiKeyContext {
  actor: ApiKeyActor;
  organization: { id: string; name: string };
  scopes: readonly ApiScope[];
}

export type ActorContext = MemberContext | ApiKeyContext;

/** How the actor is named where what it did is shown: the thread's author of a message or note, SunCo's displayName. */
export function authorName(actor: Actor): string {
  return actor.kind === "member" ? actor.name : `API: ${actor.name}`;
}

/** The acting member's user id; null for an API key, which is no user (nothing it writes points at one). */
export function memberIdOf(ctx: ActorContext): string | null {
  return ctx.actor.kind === "member" ? ctx.actor.id : null;
}

export interface Authority {
  /** The least role a member needs. */
  role: Role;
  /** The scope an API key needs. */
  scope: ApiScope;
}

/** Whether the actor may do what needs `authority`: a member by role, an API key by scope. */
export function hasAuthority(ctx: ActorContext, authority: Authority): boolean {
  return "role" in ctx ? roleAtLeast(ctx.role, authority.role) : ctx.scopes.includes(authority.scope);
}

const WHO: Record<Role, string> = { agent: "members", admin: "owners and admins", owner: "owners" };

/** Refuses (ForbiddenError) an actor without `authority`, saying what it lacks. */
export function requireAuthority(ctx: ActorContext, authority: Authority, what: string): void {
  if (hasAuthority(ctx, authority)) return;
  throw new ForbiddenError(
    "role" in ctx ? `Only ${WHO[authority.role]} ${what}.` : `This API key lacks the ${authority.scope} scope, which it needs to ${what}.`,
  );
}
