// A tenant app's switchboard, managed from Sunbridge (the Switchboard tab), and control of a conversation passed
// between its integrations: one use-case and one set of rules for the Switchboard tab and the inbox alike.
export { getSwitchboard, type SwitchboardOverview } from "./get-switchboard";
export { createSwitchboard } from "./create-switchboard";
export { updateSwitchboard } from "./update-switchboard";
export { deleteSwitchboard } from "./delete-switchboard";
export { createSwitchboardIntegration } from "./create-switchboard-integration";
export { updateSwitchboardIntegration } from "./update-switchboard-integration";
export { deleteSwitchboardIntegration } from "./delete-switchboard-integration";
export { controlConversation, listControlTargets, type ControlOptions, type ControlTarget } from "./control-conversation";
export { controlRules, isOwnIntegration, type ControlConnection, type ControlRules, type KnownConversation, type SwitchboardRef } from "./control-rules";
export { integrationChoices, fullSwitchboardReason, MAX_SWITCHBOARD_INTEGRATIONS, type IntegrationChoice } from "./integration-choices";
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
export { addSunbridgeToSwitchboard, switchboardPlacement, SUNBRIDGE_SWITCHBOARD_NAME, type SwitchboardPlacement } from "./add-sunbridge";
