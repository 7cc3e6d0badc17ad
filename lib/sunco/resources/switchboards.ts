// The app's switchboard (at most one) and its switchboard integrations (at most 10), which route conversation
// control between integrations. Neither list is paginated and neither has a get-by-id.
import type { OperationBody } from "../schemas/operations";
import type { CallOptions } from "../transport";
import type { Invoke } from "./invoke";

export function switchboardsApi(invoke: Invoke) {
  return {
    /** Created disabled; a second one is refused (400). */
    async create(options?: CallOptions) {
      const { switchboard } = await invoke("CreateSwitchboard", { options });
      return switchboard;
    },

    async list(options?: CallOptions) {
      const { switchboards } = await invoke("ListSwitchboards", { options });
      return switchboards;
    },

    async update(switchboardId: string, body: OperationBody<"UpdateSwitchboard">, options?: CallOptions) {
      const { switchboard } = await invoke("UpdateSwitchboard", { params: { switchboardId }, body, options });
      return switchboard;
    },

    /** Removes its switchboard integrations too; the integrations then receive every event. */
    async delete(switchboardId: string, options?: CallOptions) {
      await invoke("DeleteSwitchboard", { params: { switchboardId }, options });
    },
  };
}

export function switchboardIntegrationsApi(invoke: Invoke) {
  return {
    /** Links a custom integration by integrationId, or an OAuth integration by integrationType (its client id). */
    async create(switchboardId: string, body: OperationBody<"CreateSwitchboardIntegration">, options?: CallOptions) {
      const { switchboardIntegration } = await invoke("CreateSwitchboardIntegration", {
        params: { switchboardId },
        body,
        options,
      });
      return switchboardIntegration;
    },

    async list(switchboardId: string, options?: CallOptions) {
      const { switchboardIntegrations } = await invoke("ListSwitchboardIntegrations", {
        params: { switchboardId },
        options,
      });
      return switchboardIntegrations;
    },

    async update(
      switchboardId: string,
      switchboardIntegrationId: string,
      body: OperationBody<"UpdateSwitchboardIntegration">,
      options?: CallOptions,
    ) {
      const { switchboardIntegration } = await invoke("UpdateSwitchboardIntegration", {
        params: { switchboardId, switchboardIntegrationId },
        body,
        options,
      });
      return switchboardIntegration;
    },

    /** Refused for the default integration and for one another integration names as its next. */
    async delete(switchboardId: string, switchboardIntegrationId: string, options?: CallOptions) {
      await invoke("DeleteSwitchboardIntegration", { params: { switchboardId, switchboardIntegrationId }, options });
    },
  };
}
