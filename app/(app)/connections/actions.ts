"use server";

import { z } from "zod";
import { formInput } from "@/lib/actions/action";
import { memberAction, nothing } from "@/lib/actions/member-action";
import { apiKeyConnectSchema, beginOAuthConnect, connectionIdSchema, connectWithApiKey, disconnectConnection, testConnection } from "@/lib/connections";

const PAGE = "/connections";

/** Starts OAuth: the browser goes to the OAuth bridge's consent page. */
export const connectZendeskAction = memberAction(z.undefined(), "admin", beginOAuthConnect, { input: () => undefined, redirect: (url) => url });

export const connectApiKeyAction = memberAction(apiKeyConnectSchema, "admin", connectWithApiKey, {
  input: formInput(),
  revalidate: PAGE,
  returns: ({ connection, reconnected }) => ({ appName: `${connection.appName}${reconnected ? " (reconnected)" : ""}` }),
});

export const testConnectionAction = memberAction(connectionIdSchema, "admin", testConnection, { field: "connectionId", revalidate: PAGE });

export const disconnectConnectionAction = memberAction(connectionIdSchema, "admin", disconnectConnection, {
  field: "connectionId",
  revalidate: PAGE,
  returns: nothing,
  message: "Disconnected. Its conversations stay readable.",
});
