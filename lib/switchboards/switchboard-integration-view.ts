// A switchboard integration as the Switchboard tab shows it and the audit log records it.
import type { SwitchboardIntegration } from "@/lib/sunco/schemas";

export function switchboardIntegrationView(member: SwitchboardIntegration) {
  return {
    id: member.id,
    name: member.name,
    integrationId: member.integrationId,
    integrationType: member.integrationType,
    deliverStandbyEvents: member.deliverStandbyEvents,
    nextSwitchboardIntegrationId: member.nextSwitchboardIntegrationId ?? null,
    messageHistoryCount: member.messageHistoryCount ?? null,
  };
}
