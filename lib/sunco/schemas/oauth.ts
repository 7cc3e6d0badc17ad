// The OAuth flow a partner's integration uses to connect a tenant (served from oauth-bridge.zendesk.com/sc).
// Tokens have integration scope, no expiry and no refresh grant.
import { z } from "zod";
import { invalidMessage } from "./common";

/** The browser is sent to /oauth/authorize with these; SunCo redirects back with `code` (and `state`). */
export const authorizeQuerySchema = z.object({
  client_id: z.string().min(1),
  response_type: z.literal("code", { error: invalidMessage('must be "code"') }),
  /** Returned untouched with the code. */
  state: z.string().optional(),
  /** Must be one of the integration's configured URIs; the first is used when omitted. */
  redirect_uri: z.string().optional(),
});

/** Server to server: exchange the authorization code for an access token. */
export const tokenRequestBodySchema = z.object({
  code: z.string().min(1),
  grant_type: z.literal("authorization_code", { error: invalidMessage('must be "authorization_code"') }),
  client_id: z.string().min(1),
  client_secret: z.string().min(1),
});

export const tokenResponseSchema = z.looseObject({
  access_token: z.string(),
  /** Always Bearer. */
  token_type: z.string().optional(),
});

export type TokenRequestBody = z.input<typeof tokenRequestBodySchema>;
export type TokenResponse = z.infer<typeof tokenResponseSchema>;
