// The channel integrations of a connection's app that Create Client can link (WhatsApp, Twilio, MessageBird,
// Mailgun). An app key lists them at SunCo; an OAuth token may not (ListIntegrations needs the app scope), so for
// OAuth connections they are the integrations the read model has seen clients on.
import type { ActorContext } from "@/lib/auth/actor";
import { clientForConnectionId, mayCall, startableConnection, type StartableConnection } from "@/lib/connections";
import { sql, statement } from "@/lib/db";
import { InvalidInputError } from "@/lib/errors";
import { explainingFailure } from "@/lib/sunco";
import { LINK_CHANNEL_TYPES, type LinkChannelType } from "./schemas";

export interface ChannelIntegration {
  id: string;
  type: LinkChannelType;
  displayName: string | null;
}

const SEEN_INTEGRATIONS = statement<ChannelIntegration>(
  `SELECT DISTINCT ON (c."integrationId") COALESCE(c."integrationId", '') AS "id", c."type", NULL::text AS "displayName"
     FROM "SuncoClient" c
    WHERE c."connectionId" = $1 AND c."type" = ANY($2::text[]) AND c."integrationId" IS NOT NULL
    ORDER BY c."integrationId"`,
  { id: "string", type: "string", displayName: "string?" },
);

const isLinkType = (type: string): type is LinkChannelType => (LINK_CHANNEL_TYPES as readonly string[]).includes(type);

export async function integrationsOf(connection: StartableConnection): Promise<ChannelIntegration[]> {
  if (!mayCall(connection, "ListIntegrations")) {
    const { rows } = await sql().query(SEEN_INTEGRATIONS, [connection.id, [...LINK_CHANNEL_TYPES]]);
    return rows;
  }
  const client = await clientForConnectionId(connection.id);
  const { items } = await explainingFailure({ audience: "agent", asked: "to list the app's channels" }, () =>
    client.integrations.list({ types: [...LINK_CHANNEL_TYPES] }),
  );
  return items.flatMap((integration) =>
    isLinkType(integration.type) ? [{ id: integration.id, type: integration.type, displayName: integration.displayName ?? null }] : [],
  );
}

/** For the dialog: the channel integrations of a connection the member may start conversations on. */
export async function listChannelIntegrations(ctx: ActorContext, connectionId: string): Promise<ChannelIntegration[]> {
  return integrationsOf(await startableConnection(ctx, connectionId));
}

/**
 * The integration to link: the one given (an OAuth connection cannot list them, so it is taken as given), or the app's
 * only integration of the type. Refused naming `channel.integrationId` when none or several fit.
 */
export async function chooseIntegration(connection: StartableConnection, type: LinkChannelType, given: string | undefined): Promise<string> {
  const field = (message: string) => new InvalidInputError(message, { "channel.integrationId": [message] });
  const known = (await integrationsOf(connection)).filter((integration) => integration.type === type);
  if (given) {
    if (mayCall(connection, "ListIntegrations") && !known.some((integration) => integration.id === given)) {
      throw field(`The app has no ${type} integration ${given}.`);
    }
    return given;
  }
  if (known.length === 1) return known[0]!.id;
  throw field(
    known.length === 0
      ? `Sunbridge knows no ${type} integration of this app: give its integration id (Zendesk Admin Center lists it under Channels).`
      : `The app has ${known.length} ${type} integrations: choose one.`,
  );
}
