"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { formInput } from "@/lib/actions/action";
import { memberAction } from "@/lib/actions/member-action";
import { admitLinkVisitor, apiKeyConnectSchema, beginLinkOAuth, connectLinkWithApiKey } from "@/lib/connections";
import { browserCookieOptions } from "@/lib/http/browser-cookie";
import { CONNECT_LINK_COOKIE } from "../link-cookie";

const tokenSchema = z.object({ token: z.string().max(100, "This link is not valid.") });

/** The browser keeps the link's token for the outcome page it comes back to (after Zendesk, or after the key form). */
async function rememberLink(token: string) {
  (await cookies()).set(CONNECT_LINK_COOKIE, token, browserCookieOptions(60 * 60));
}

/** "Connect with Zendesk": the consent page, with a state bound to the link. */
export const startLinkOAuthAction = memberAction(
  tokenSchema,
  "public",
  async (request, { token }) => {
    await admitLinkVisitor(request.clientAddress);
    const url = await beginLinkOAuth(token);
    await rememberLink(token);
    return url;
  },
  { input: formInput({ bound: "token" }), redirect: (url) => url },
);

/** The link's app-key form: checked with SunCo, then the outcome page. */
export const connectLinkApiKeyAction = memberAction(
  z.intersection(apiKeyConnectSchema, tokenSchema),
  "public",
  async (request, { token, ...key }) => {
    await admitLinkVisitor(request.clientAddress);
    const outcome = await connectLinkWithApiKey(token, key);
    await rememberLink(token);
    return outcome;
  },
  { input: formInput({ bound: "token" }), returns: (outcome) => ({ appName: outcome.outcome === "connected" || outcome.outcome === "reconnected" ? outcome.appName : "" }), redirect: () => "/connect/finished?outcome=connected" },
);
