// A tenant app's switchboard, managed from Sunbridge (the Switchboard tab), and control of a conversation passed
// between its integrations (from the Switchboard tab; the inbox's thread records its changes under the same audit actions).
export { getSwitchboard, type SwitchboardOverview } from "./get-switchboard";
export { createSwitchboard } from "./create-switchboard";
export { updateSwitchboard } from "./update-switchboard";
export { deleteSwitchboard } from "./delete-switchboard";
export { createSwitchboardIntegration } from "./create-switchboard-integration";
export { updateSwitchboardIntegration } from "./update-switchboard-integration";
export { deleteSwitchboardIntegration } from "./delete-switchboard-integration";
export { CONTROL_AUDIT_ACTIONS, controlConversation } from "./control-conversation";
export { switchboardChain, type ChainStep } from "./chain";
export {
  CONTROL_ACTIONS,
  controlConversationSchema,
  createSwitchboardIntegrationSchema,
  switchboardIntegrationRefSchema,
  updateSwitchboardIntegrationSchema,
  updateSwitchboardSchema,
  type ControlAction,
  type ControlConversationInput,
} from "./schemas";
export { NO_SWITCHBOARD } from "./current-switchboard";
