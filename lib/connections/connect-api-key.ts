// The alternative to OAuth: an owner or admin pastes an app API key. Nothing is stored until SunCo
// confirms, with GetApp, that the key opens that app.
import { z } from "zod";
import { recordAudit, type AuditActor } from "@/lib/audit/record";
import { roleAtLeast, type MemberContext } from "@/lib/auth/require-member";
import { ForbiddenError, InvalidInputError } from "@/lib/errors";
import { recordSuncoCall } from "@/lib/observability/sunco-observer";
import { createSuncoClient, SuncoError } from "@/lib/sunco";
import { saveVerifiedConnection, type VerifiedApp, type VerifiedCredentials } from "./save-connection";

export const apiKeyConnectSchema = z
  .object({
    appId: z.string().trim().regex(/^[0-9a-f]{24}$/i, "The app id is 24 hexadecimal characters (Admin Center → Apps and integrations → Conversations API)."),
    keyId: z.string().trim().regex(/^app_[\w-]+$/, "App key ids start with app_."),
    secret: z.string().trim().min(1, "Paste the key's secret."),
    scheme: z.enum(["basic", "jwt"], { message: "Choose Basic or JWT." }),
    location: z.enum(["subdomain", "us", "eu"], { message: "Choose where the account lives." }),
    subdomain: z
      .string()
      .trim()
      .toLowerCase()
      .optional()
      .transform((value) => value?.replace(/\.zendesk\.com.*$/, "") || undefined),
  })
  .refine((input) => input.location !== "subdomain" || Boolean(input.subdomain), {
    message: "Enter the Zendesk subdomain (the part before .zendesk.com).",
    path: ["subdomain"],
  });

export type ApiKeyConnectInput = z.infer<typeof apiKeyConnectSchema>;

/** Asks SunCo (GetApp) whether the key opens the app; refused, the reason is audited and thrown as invalid input. */
export async function verifyAppKey(audit: AuditActor, input: ApiKeyConnectInput): Promise<{ app: VerifiedApp; credentials: VerifiedCredentials }> {
  const region = input.location === "subdomain" ? { subdomain: input.subdomain! } : input.location;
  const client = createSuncoClient({
    appId: input.appId,
    credentials: { type: input.scheme, keyId: input.keyId, secret: input.secret },
    region,
    observer: { onCall: recordSuncoCall },
  });
  let app;
  try {
    app = await client.app.get();
  } catch (error) {
    const message = explainVerificationFailure(error);
    await recordAudit(audit, { action: "connection.connect_failed", target: input.appId, error: message });
    throw new InvalidInputError(message, { secret: [message] });
  }
  return {
    app: {
      appId: app.id,
      appName: app.displayName ?? app.id,
      subdomain: input.location === "subdomain" ? input.subdomain! : null,
      region: input.location === "subdomain" ? null : input.location,
    },
    credentials: { authType: input.scheme === "jwt" ? "api_key_jwt" : "api_key_basic", apiKeyId: input.keyId, apiKeySecret: input.secret },
  };
}

export async function connectWithApiKey(ctx: MemberContext, input: ApiKeyConnectInput) {
  if (!roleAtLeast(ctx.role, "admin")) throw new ForbiddenError("Only owners and admins can connect Zendesk apps.");
  const { app, credentials } = await verifyAppKey(ctx, input);
  return saveVerifiedConnection(ctx, app, credentials);
}

function explainVerificationFailure(error: unknown) {
  if (error instanceof SuncoError) {
    if (error.kind === "auth") return "SunCo did not accept this key id and secret for that app.";
    if (error.kind === "not_found") return "SunCo knows no app with that id in this account.";
    if (error.status === 403) return "This key cannot read the app: use an app key (app_…), not an integration key.";
    return `SunCo could not be reached to check the key: ${error.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}
