// The partner's logo on its connect pages (APP_URL/connect/<token>), uploaded by an owner or admin under Settings →
// Connect links. It is written into the page as a data: URL, so the public page needs no route of its own (and no
// rate limit, cache or guard for one). Only raster images recognised by their first bytes are kept: an SVG can carry
// script, and the type a browser declares for an upload is only the uploader's word.
import { z } from "zod";
import { requireAuthority, type ActorContext } from "@/lib/auth/actor";
import { audited } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { InvalidInputError } from "@/lib/errors";
import { typeOfBytes } from "@/lib/http/file-signatures";

/** Small enough to inline in the page; a logo a page shows at 48 px high needs far less. */
export const MAX_CONNECT_LOGO_BYTES = 100 * 1024;

/** The raster types a logo may be; never SVG. */
export const CONNECT_LOGO_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"] as const;

export const connectLogoSchema = z.object({
  logo: z.instanceof(File, { error: "choose an image" }),
});

/** The same sentence above the form and beside the field, so the form says it once (ActionMessage). */
const invalid = (reason: string) => {
  const message = `The logo ${reason}.`;
  return new InvalidInputError(message, { logo: [message] });
};

export async function setConnectLogo(ctx: ActorContext, { logo }: z.infer<typeof connectLogoSchema>): Promise<void> {
  requireAuthority(ctx, { role: "admin", scope: "manage" }, "set the connect pages' logo");
  if (logo.size === 0) throw invalid("is empty: choose an image");
  if (logo.size > MAX_CONNECT_LOGO_BYTES) {
    throw invalid(`must be at most ${MAX_CONNECT_LOGO_BYTES / 1024} KB (this one is ${Math.ceil(logo.size / 1024)} KB)`);
  }
  const bytes = new Uint8Array(await logo.arrayBuffer());
  const contentType = typeOfBytes(bytes, CONNECT_LOGO_TYPES);
  if (!contentType) throw invalid("must be a PNG, JPEG, GIF or WebP image");
  const organizationId = ctx.organization.id;
  await audited(ctx, { action: "connect_link.logo_set", after: () => ({ contentType, bytes: bytes.length }) }, () =>
    db().connectLogo.upsert({ where: { organizationId }, create: { organizationId, contentType, bytes }, update: { contentType, bytes } }),
  );
}

export async function removeConnectLogo(ctx: ActorContext): Promise<void> {
  requireAuthority(ctx, { role: "admin", scope: "manage" }, "remove the connect pages' logo");
  await audited(ctx, { action: "connect_link.logo_removed", outcome: ({ count }) => (count ? {} : null) }, () =>
    db().connectLogo.deleteMany({ where: { organizationId: ctx.organization.id } }),
  );
}

/** The organization's logo as a data: URL for an <img>, or null when it has none. */
export async function connectLogoOf(organizationId: string): Promise<string | null> {
  const logo = await db().connectLogo.findUnique({ where: { organizationId }, select: { contentType: true, bytes: true } });
  return logo ? `data:${logo.contentType};base64,${Buffer.from(logo.bytes).toString("base64")}` : null;
}
