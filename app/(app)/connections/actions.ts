"use server";

import { z } from "zod";
import { formInput } from "@/lib/actions/action";
import { memberAction, nothing } from "@/lib/actions/member-action";
import {
  apiKeyConnectSchema,
  beginOAuthConnect,
  connectionIdSchema,
  connectionLabelsSchema,
  connectionRefSchema,
  connectLinkIdSchema,
  createConnectLink,
  createConnectLinkSchema,
  revokeConnectLink,
  connectWithApiKey,
  disconnectConnection,
  labelConnection,
  testConnection,
} from "@/lib/connections";
import { addSunbridgeToSwitchboard, switchboardPlacement } from "@/lib/switchboards";

const PAGE = "/connections";

/** Starts OAuth: the browser goes to the OAuth bridge's consent page. */
export const connectZendeskAction = memberAction(z.undefined(), "admin", beginOAuthConnect, { input: () => undefined, redirect: (url) => url });

/** Connects with an app key; when the app has a switchboard Sunbridge is not in, the form offers to add it. */
export const connectApiKeyAction = memberAction(
  apiKeyConnectSchema,
  "admin",
  async (ctx, input) => {
    const { connection, reconnected } = await connectWithApiKey(ctx, input);
    // Connected either way: a switchboard that cannot be read now only means no offer.
    const placement = await switchboardPlacement(ctx, { connectionId: connection.id }).catch(() => null);
    return { connection, reconnected, offerSwitchboard: placement?.offer ?? false };
  },
  {
    input: formInput(),
    revalidate: PAGE,
    returns: ({ connection, reconnected, offerSwitchboard }) => ({
      appName: `${connection.appName}${reconnected ? " (reconnected)" : ""}`,
      connectionId: connection.id,
      offerSwitchboard,
    }),
  },
);

/** Adds Sunbridge's integration to the app's switchboard; the chain as it now stands. */
export const addToSwitchboardAction = memberAction(connectionRefSchema, "admin", addSunbridgeToSwitchboard, {
  input: formInput(),
  revalidate: PAGE,
  returns: (chain) => chain.map(({ name, step, isDefault, nextName }) => ({ name, step, isDefault, nextName })),
  message: "Sunbridge is in the switchboard now.",
});

export const testConnectionAction = memberAction(connectionIdSchema, "admin", testConnection, { field: "connectionId", revalidate: PAGE });

export const disconnectConnectionAction = memberAction(connectionIdSchema, "admin", disconnectConnection, {
  field: "connectionId",
  revalidate: PAGE,
  returns: nothing,
  message: "Disconnected. Its conversations stay readable.",
});

/** The partner's id for the tenant and the name shown instead of the app's; a blank field clears one. */
export const labelConnectionAction = memberAction(connectionLabelsSchema, "admin", (ctx, { connectionId, ...labels }) => labelConnection(ctx, connectionId, labels), {
  input: formInput(),
  revalidate: PAGE,
  returns: nothing,
  message: "Saved.",
});

/** A link for one of the partner's customers; its URL is in the answer, once. */
export const createConnectLinkAction = memberAction(createConnectLinkSchema, "admin", createConnectLink, {
  input: formInput({ lists: ["methods"] }),
  revalidate: PAGE,
  returns: ({ url, link }) => ({ url, externalId: link.externalId }),
  message: "Link created. Copy it now: it is not shown again.",
});

export const revokeConnectLinkAction = memberAction(connectLinkIdSchema, "admin", revokeConnectLink, {
  field: "linkId",
  revalidate: PAGE,
  returns: nothing,
  message: "Link revoked.",
});
