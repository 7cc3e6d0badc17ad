// What a pass or offer of control tells the integration that gets it, as Zendesk's marketplace review expects: the
// conversation's first message (`first_message_id`, so the Agent Workspace shows the agent the whole conversation
// rather than its last few messages) and the fields the admin configured on the connection.
import { handoffFieldsOf, type TenantAccess } from "@/lib/connections";
import { knownFirstMessage } from "@/lib/conversations";
import { logger } from "@/lib/log";

type Metadata = Record<string, unknown>;

/**
 * How far back SunCo is paged (100 messages a page, newest first) for a conversation the read model did not see
 * begin. Beyond it, the oldest message reached stands in: the agent still sees a thousand messages.
 */
export const FIRST_MESSAGE_PAGE_LIMIT = 10;

/** The oldest message SunCo lists for the conversation, within the page limit; null when it has none. */
async function oldestListedMessage(tenant: TenantAccess, conversationId: string): Promise<string | null> {
  let oldest: string | null = null;
  let pages = 0;
  let page = await tenant.client.messages.list(conversationId);
  for (;;) {
    // Each page runs oldest to newest.
    oldest = page.items[0]?.id ?? oldest;
    pages += 1;
    const before = page.meta.beforeCursor ?? page.items[0]?.id;
    if (!page.meta.hasMore || !before || pages >= FIRST_MESSAGE_PAGE_LIMIT) return oldest;
    page = await tenant.client.messages.list(conversationId, { before });
  }
}

/**
 * The read model's answer when it saw the conversation begin; otherwise SunCo's. A failure to ask SunCo does not
 * stop the handoff: it goes without first_message_id (the audit log shows the metadata sent) and is logged.
 */
async function firstMessageId(tenant: TenantAccess, conversationId: string): Promise<string | null> {
  const known = await knownFirstMessage(tenant.connection.id, conversationId);
  if (known.known) return known.id;
  try {
    return await oldestListedMessage(tenant, conversationId);
  } catch (error) {
    logger().warn({ connectionId: tenant.connection.id, conversationId, reason: (error as Error).message }, "first message of a handoff not found");
    return null;
  }
}

/** The configured fields, then the caller's metadata, then first_message_id unless the caller named one. */
export async function handoffMetadata(tenant: TenantAccess, conversationId: string, metadata: Metadata | null | undefined): Promise<Metadata> {
  const combined: Metadata = { ...handoffFieldsOf(tenant.connection), ...metadata };
  if (combined.first_message_id !== undefined) return combined;
  const first = await firstMessageId(tenant, conversationId);
  return first ? { ...combined, first_message_id: first } : combined;
}
