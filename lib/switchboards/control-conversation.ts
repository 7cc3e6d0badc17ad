// Who is in control of a conversation: pass it to a switchboard integration, offer it (the other must accept),
// accept an offer, or release it. Agents may do this (the inbox offers it in a conversation), not only admins.
import type { MemberContext } from "@/lib/auth/require-member";
import { openTenant } from "@/lib/connections";
import type { ControlConversationInput, ControlAction } from "./schemas";

/** Shared with the inbox, so control changes read the same in the audit log wherever they were made. */
export const CONTROL_AUDIT_ACTIONS: Record<ControlAction, string> = {
  pass: "conversation.control_passed",
  offer: "conversation.control_offered",
  accept: "conversation.control_accepted",
  release: "conversation.control_released",
};

export async function controlConversation(ctx: MemberContext, { connectionId, conversationId, action, to, metadata }: ControlConversationInput) {
  const tenant = await openTenant(ctx, connectionId, "conversationControl", { role: "agent", action: CONTROL_AUDIT_ACTIONS[action] });
  const transfer = { switchboardIntegration: to!, metadata };
  await tenant.change(
    {
      action: CONTROL_AUDIT_ACTIONS[action],
      target: `conversation ${conversationId}`,
      after: () => ({ action, ...(action === "pass" || action === "offer" ? { to } : {}), metadata: metadata ?? null }),
    },
    async () => {
      const control = tenant.client.switchboardActions;
      if (action === "pass") await control.passControl(conversationId, transfer);
      else if (action === "offer") await control.offerControl(conversationId, transfer);
      else if (action === "accept") await control.acceptControl(conversationId, { metadata });
      else await control.releaseControl(conversationId, { metadata });
    },
  );
}
