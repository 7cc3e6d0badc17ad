// Connect links: the one owner of their lifecycle. An owner or admin (or an API key with the manage scope) creates a
// link for one of the partner's customers; the customer opens APP_URL/connect/<token> without a Sunbridge account and
// connects their SunCo app (OAuth with a state bound to the link, or an app key), which lands in the partner's
// organization tagged with the link's externalId. A link is used once; the token (256 bits) is shown once and only
// its hash is stored. Expired, used and revoked links connect nothing.
import { z } from "zod";
import { requireAuthority, type ActorContext } from "@/lib/auth/actor";
import { audited, recordAudit, type AuditActor } from "@/lib/audit/record";
import { hashToken, newToken } from "@/lib/crypto/token";
import { db } from "@/lib/db";
import type { ConnectLink } from "@/lib/db/generated/client";
import { env } from "@/lib/env";
import { ConflictError, InvalidInputError, NotFoundError, RateLimitedError } from "@/lib/errors";
import { addressBucket, hit } from "@/lib/rate-limit";
import { authorizeUrl } from "@/lib/sunco";
import { verifyAppKey, type ApiKeyConnectInput } from "./connect-api-key";
import { connectLogoOf } from "./connect-logo";
import { messageOf, oauthRedirectUri, verifyAuthorizationCode } from "./connect-oauth";
import { saveVerifiedConnection, type Connector, type VerifiedApp, type VerifiedCredentials } from "./save-connection";

export const CONNECT_METHODS = ["oauth", "api_key"] as const;
export type ConnectMethod = (typeof CONNECT_METHODS)[number];

const DAY_SECONDS = 24 * 60 * 60;
export const DEFAULT_LINK_SECONDS = 7 * DAY_SECONDS;
/** Bounds of a link's life: long enough for an automated flow to hand it over, short enough to stay a one-off. */
export const MIN_LINK_SECONDS = 30;
export const MAX_LINK_SECONDS = 30 * DAY_SECONDS;
const MAX_RETURN_ORIGINS = 20;
const TOKEN_PREFIX = "scl_";

const optionalText = (max: number) =>
  z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z.string().trim().max(max, `must be at most ${max} characters`).optional(),
  );

/** A URL a person may be sent to: http(s), no credentials in it. Its origin is checked against the allow-list later. */
const returnUrlSchema = z
  .string()
  .trim()
  .max(2000, "must be at most 2000 characters")
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "https:" || url.protocol === "http:") && !url.username && !url.password;
    } catch {
      return false;
    }
  }, "must be an http or https URL");

export const createConnectLinkSchema = z.object({
  externalId: z.string({ error: "is required" }).trim().min(1, "is required").max(200, "must be at most 200 characters"),
  displayName: optionalText(200),
  methods: z.array(z.enum(CONNECT_METHODS, { error: "must be oauth or api_key" })).min(1, "offer at least one method").default([...CONNECT_METHODS]),
  expiresInSeconds: z.coerce
    .number({ error: "must be a number of seconds" })
    .int("must be a whole number of seconds")
    .min(MIN_LINK_SECONDS, `must be at least ${MIN_LINK_SECONDS} seconds`)
    .max(MAX_LINK_SECONDS, "must be at most 30 days")
    .default(DEFAULT_LINK_SECONDS),
  returnUrl: z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), returnUrlSchema.optional()),
});

export type CreateConnectLinkInput = z.infer<typeof createConnectLinkSchema>;

export const connectLinkIdSchema = z.string({ error: "Choose a link." }).trim().min(1, "Choose a link.").max(64, "is not a link id");

export type ConnectLinkState = "open" | "used" | "expired" | "revoked";

export interface ConnectLinkView {
  id: string;
  externalId: string;
  displayName: string | null;
  methods: ConnectMethod[];
  returnUrl: string | null;
  state: ConnectLinkState;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
  connectionId: string | null;
  createdBy: string;
  createdAt: Date;
}

export function connectLinkState(link: Pick<ConnectLink, "usedAt" | "revokedAt" | "expiresAt">, now = new Date()): ConnectLinkState {
  if (link.revokedAt) return "revoked";
  if (link.usedAt) return "used";
  return link.expiresAt <= now ? "expired" : "open";
}

const view = (link: ConnectLink): ConnectLinkView => ({
  id: link.id,
  externalId: link.externalId,
  displayName: link.displayName,
  methods: link.methods.filter((m): m is ConnectMethod => (CONNECT_METHODS as readonly string[]).includes(m)),
  returnUrl: link.returnUrl,
  state: connectLinkState(link),
  expiresAt: link.expiresAt,
  usedAt: link.usedAt,
  revokedAt: link.revokedAt,
  connectionId: link.connectionId,
  createdBy: link.createdByLabel,
  createdAt: link.createdAt,
});

export const connectLinkUrl = (token: string) => new URL(`/connect/${encodeURIComponent(token)}`, env().APP_URL).toString();

function actorLabel(ctx: ActorContext) {
  return ctx.actor.kind === "member" ? `${ctx.actor.name} <${ctx.actor.email}>` : `API key "${ctx.actor.name}" (${ctx.actor.prefix})`;
}

// The organization's allow-list of return origins.

/** One origin per entry (scheme://host[:port], nothing after it); https, or http for this machine only. */
export const returnOriginsSchema = z.object({
  origins: z
    .string()
    .max(MAX_RETURN_ORIGINS * 210, "is too long")
    .transform((text, ctx) => {
      const entries = [...new Set(text.split(/[\s,]+/).map((entry) => entry.trim()).filter(Boolean))];
      if (entries.length > MAX_RETURN_ORIGINS) ctx.addIssue({ code: "custom", message: `at most ${MAX_RETURN_ORIGINS} origins` });
      const origins: string[] = [];
      for (const entry of entries) {
        const origin = originOf(entry);
        if (!origin || origin !== entry.replace(/\/$/, "").toLowerCase()) {
          ctx.addIssue({ code: "custom", message: `"${entry.slice(0, 100)}" is not an origin such as https://app.example.com` });
        } else origins.push(origin);
      }
      return origins;
    }),
});

function originOf(value: string): string | null {
  try {
    const url = new URL(value);
    const local = url.hostname === "localhost" || url.hostname === "127.0.0.1";
    if (url.protocol !== "https:" && !(url.protocol === "http:" && local)) return null;
    if (url.username || url.password) return null;
    return url.origin;
  } catch {
    return null;
  }
}

export async function connectReturnOrigins(ctx: ActorContext): Promise<string[]> {
  const row = await db().organization.findUnique({ where: { id: ctx.organization.id }, select: { connectReturnOrigins: true } });
  return row?.connectReturnOrigins ?? [];
}

export async function setConnectReturnOrigins(ctx: ActorContext, input: z.infer<typeof returnOriginsSchema>): Promise<string[]> {
  requireAuthority(ctx, { role: "admin", scope: "manage" }, "set where connect links may return to");
  const before = await connectReturnOrigins(ctx);
  return audited(ctx, { action: "connect_link.return_origins_set", before: { origins: before }, after: (origins) => ({ origins }) }, async () => {
    const row = await db().organization.update({ where: { id: ctx.organization.id }, data: { connectReturnOrigins: input.origins }, select: { connectReturnOrigins: true } });
    return row.connectReturnOrigins;
  });
}

// Managing links.

export async function createConnectLink(ctx: ActorContext, input: CreateConnectLinkInput): Promise<{ link: ConnectLinkView; token: string; url: string }> {
  requireAuthority(ctx, { role: "admin", scope: "manage" }, "create connect links");
  if (input.returnUrl) {
    const allowed = await connectReturnOrigins(ctx);
    if (!allowed.includes(new URL(input.returnUrl).origin)) {
      const message = "The return URL's origin is not in this organization's allow-list (Settings → Connect links).";
      throw new InvalidInputError(message, { returnUrl: [message] });
    }
  }
  const token = newToken(TOKEN_PREFIX);
  const link = await audited(
    ctx,
    { action: "connect_link.created", target: input.externalId, after: (row) => ({ id: row.id, methods: row.methods, expiresAt: row.expiresAt, returnUrl: row.returnUrl }) },
    () =>
      db().connectLink.create({
        data: {
          organizationId: ctx.organization.id,
          tokenHash: hashToken(token),
          externalId: input.externalId,
          displayName: input.displayName ?? null,
          methods: [...new Set(input.methods)],
          returnUrl: input.returnUrl ?? null,
          expiresAt: new Date(Date.now() + input.expiresInSeconds * 1000),
          createdByLabel: actorLabel(ctx),
        },
      }),
  );
  return { link: view(link), token, url: connectLinkUrl(token) };
}

const LIST_LIMIT = 100;

/** The organization's links, newest first (the last hundred). */
export async function listConnectLinks(ctx: ActorContext): Promise<ConnectLinkView[]> {
  requireAuthority(ctx, { role: "admin", scope: "manage" }, "see connect links");
  const rows = await db().connectLink.findMany({ where: { organizationId: ctx.organization.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: LIST_LIMIT });
  return rows.map(view);
}

export async function revokeConnectLink(ctx: ActorContext, linkId: string): Promise<ConnectLinkView> {
  requireAuthority(ctx, { role: "admin", scope: "manage" }, "revoke connect links");
  const link = await db().connectLink.findFirst({ where: { id: linkId, organizationId: ctx.organization.id } });
  if (!link) throw new NotFoundError("That connect link is not in this organization.");
  if (link.revokedAt) return view(link);
  if (link.usedAt) throw new ConflictError("This link was used already; disconnect the connection it made instead.");
  return audited(ctx, { action: "connect_link.revoked", target: link.externalId, before: { state: connectLinkState(link) }, after: () => ({ state: "revoked" }) }, async () => {
    const { count } = await db().connectLink.updateMany({ where: { id: link.id, revokedAt: null, usedAt: null }, data: { revokedAt: new Date() } });
    if (count === 0) throw new ConflictError("This link was used a moment ago; disconnect the connection it made instead.");
    return view({ ...link, revokedAt: new Date() });
  });
}

// The public side: what the link's page shows, and connecting through it.

export type PublicLink =
  | { status: "invalid" }
  | { status: Exclude<ConnectLinkState, "open">; organizationName: string; logo: string | null }
  | { status: "open"; organizationName: string; logo: string | null; displayName: string | null; methods: ConnectMethod[]; expiresAt: Date };

/** What the page of `token` may show its visitor: a bad token learns nothing but that it is not valid. */
export async function describeConnectLink(token: string): Promise<PublicLink> {
  const link = await findByToken(token);
  if (!link) return { status: "invalid" };
  const state = connectLinkState(link);
  const organizationName = link.organization.name;
  const logo = await connectLogoOf(link.organizationId);
  if (state !== "open") return { status: state, organizationName, logo };
  return { status: "open", organizationName, logo, displayName: link.displayName, methods: view(link).methods, expiresAt: link.expiresAt };
}

function findByToken(token: string) {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return Promise.resolve(null);
  return db().connectLink.findUnique({ where: { tokenHash: hashToken(token) }, include: { organization: { select: { name: true } } } });
}

export class LinkUnusableError extends ConflictError {
  constructor(readonly state: Exclude<ConnectLinkState, "open"> | "invalid" | "method") {
    super(
      state === "method"
        ? "This link does not offer that way of connecting."
        : state === "invalid"
          ? "This link is not valid."
          : `This link is ${state === "used" ? "used already" : state}.`,
    );
  }
}

async function openLinkOrThrow(token: string, method: ConnectMethod) {
  const link = await findByToken(token);
  if (!link) throw new LinkUnusableError("invalid");
  const state = connectLinkState(link);
  if (state !== "open") throw new LinkUnusableError(state);
  if (!link.methods.includes(method)) throw new LinkUnusableError("method");
  return link;
}

/** "Connect with Zendesk" on the link's page: the consent URL, with a fresh state bound to this link (the last one wins). */
export async function beginLinkOAuth(token: string): Promise<string> {
  const link = await openLinkOrThrow(token, "oauth");
  const state = newToken("sclstate_");
  await db().connectLink.update({ where: { id: link.id }, data: { oauthStateHash: hashToken(state) } });
  return authorizeUrl({ state, redirectUri: oauthRedirectUri() });
}

/** Takes the link for one connection attempt: of two at once, one wins; the loser learns the link's state. */
async function takeLink(linkId: string, stateHash?: string): Promise<ConnectLink> {
  const now = new Date();
  const { count } = await db().connectLink.updateMany({
    where: { id: linkId, usedAt: null, revokedAt: null, expiresAt: { gt: now }, ...(stateHash ? { oauthStateHash: stateHash } : {}) },
    data: { usedAt: now, oauthStateHash: null },
  });
  const link = await db().connectLink.findUniqueOrThrow({ where: { id: linkId } });
  if (count === 1) return link;
  const state = connectLinkState(link, now);
  throw new LinkUnusableError(state === "open" ? "used" : state);
}

/** The attempt failed: the link is open again (it connected nothing), so its visitor may try once more. */
async function releaseLink(linkId: string) {
  await db().connectLink.updateMany({ where: { id: linkId, connectionId: null }, data: { usedAt: null } });
}

const linkAuditor = (link: ConnectLink): AuditActor => ({ organizationId: link.organizationId, label: "connect link" });

export type LinkConnectOutcome =
  | { outcome: "connected" | "reconnected"; linkId: string; appName: string; returnUrl: string | null }
  | { outcome: "cancelled" | "failed" | "unusable"; message: string };

async function connectThroughLink(link: ConnectLink, verify: () => Promise<{ app: VerifiedApp; credentials: VerifiedCredentials }>): Promise<LinkConnectOutcome> {
  const connector: Connector = { organizationId: link.organizationId, userId: null, audit: linkAuditor(link), externalId: link.externalId };
  try {
    const { app, credentials } = await verify();
    const { connection, reconnected } = await saveVerifiedConnection(connector, app, credentials);
    await db().connectLink.update({ where: { id: link.id }, data: { connectionId: connection.id } });
    await recordAudit(connector.audit, { action: "connect_link.used", connectionId: connection.id, target: link.externalId, after: { linkId: link.id } });
    return { outcome: reconnected ? "reconnected" : "connected", linkId: link.id, appName: connection.appName, returnUrl: link.returnUrl };
  } catch (error) {
    await releaseLink(link.id);
    throw error;
  }
}

/**
 * SunCo's redirect back for a state a connect link issued; null when the state is none of theirs (the callback then
 * tries the other flows). No session is needed: the state is the link's.
 */
export async function completeLinkOAuth(state: string, query: { code?: string | null; error?: string | null }): Promise<(LinkConnectOutcome & { linkId: string }) | null> {
  const stateHash = hashToken(state);
  const pending = await db().connectLink.findUnique({ where: { oauthStateHash: stateHash } });
  if (!pending) return null;
  let link: ConnectLink;
  try {
    link = await takeLink(pending.id, stateHash);
  } catch (error) {
    if (error instanceof LinkUnusableError) return { outcome: "unusable", message: error.message, linkId: pending.id };
    throw error;
  }
  if (query.error || !query.code) {
    await releaseLink(link.id);
    await recordAudit(linkAuditor(link), { action: "connection.oauth_cancelled", target: link.externalId, error: `Zendesk answered ${query.error ?? "without a code"}` });
    const cancelled = query.error === "access_denied";
    return { outcome: cancelled ? "cancelled" : "failed", message: cancelled ? "You chose Deny in Zendesk: nothing was connected." : `Zendesk did not grant access (${query.error ?? "no code"}).`, linkId: link.id };
  }
  const code = query.code;
  try {
    const outcome = await connectThroughLink(link, async () => {
      const { app, accessToken } = await verifyAuthorizationCode(code);
      return { app, credentials: { authType: "oauth" as const, accessToken } };
    });
    return { ...outcome, linkId: link.id };
  } catch (error) {
    await recordAudit(linkAuditor(link), { action: "connection.connect_failed", target: link.externalId, error: messageOf(error) }).catch(() => undefined);
    return { outcome: "failed", message: messageOf(error), linkId: link.id };
  }
}

/** Visits of link pages and attempts through them, per client address: enough for people, not for guessing. */
const VISITS = { limit: 60, seconds: 60 };

export async function admitLinkVisitor(clientAddress: string): Promise<void> {
  const { count, resetsIn } = await hit(`connect-link:${addressBucket(clientAddress)}`, VISITS);
  if (count > VISITS.limit) throw new RateLimitedError(`Too many connect-link requests from your address; try again in ${resetsIn} seconds.`, resetsIn);
}

/** The link page's app-key form: checked with SunCo before anything is stored, as on the Connections page. */
export async function connectLinkWithApiKey(token: string, input: ApiKeyConnectInput): Promise<LinkConnectOutcome> {
  const open = await openLinkOrThrow(token, "api_key");
  const link = await takeLink(open.id);
  return connectThroughLink(link, () => verifyAppKey(linkAuditor(link), input));
}

/** The outcome page's facts about a link its visitor just used, found by the token their browser kept. */
export async function linkOutcome(token: string): Promise<{ organizationName: string; state: ConnectLinkState; appName: string | null; returnUrl: string | null } | null> {
  const link = await findByToken(token);
  if (!link) return null;
  const connection = link.connectionId ? await db().connection.findFirst({ where: { id: link.connectionId, organizationId: link.organizationId }, select: { appName: true } }) : null;
  return { organizationName: link.organization.name, state: connectLinkState(link), appName: connection?.appName ?? null, returnUrl: link.returnUrl };
}
