"use server";

import { memberAction } from "@/lib/actions/member-action";
import { connectionRefSchema, handoffFieldsInputSchema, setHandoffFields } from "@/lib/connections";
import {
  controlConversation,
  controlConversationSchema,
  createSwitchboard,
  createSwitchboardIntegration,
  createSwitchboardIntegrationSchema,
  deleteSwitchboard,
  deleteSwitchboardIntegration,
  switchboardIntegrationRefSchema,
  updateSwitchboard,
  updateSwitchboardIntegration,
  updateSwitchboardIntegrationSchema,
  updateSwitchboardSchema,
} from "@/lib/switchboards";
import { saying } from "../setup-form";

export const createSwitchboardAction = memberAction(connectionRefSchema, "admin", createSwitchboard, saying("Switchboard created, disabled until you enable it."));

export const updateSwitchboardAction = memberAction(updateSwitchboardSchema, "admin", updateSwitchboard, saying("Switchboard updated."));

export const deleteSwitchboardAction = memberAction(
  connectionRefSchema,
  "admin",
  deleteSwitchboard,
  saying("Switchboard deleted: every integration receives every event again."),
);

export const createSwitchboardIntegrationAction = memberAction(
  createSwitchboardIntegrationSchema,
  "admin",
  createSwitchboardIntegration,
  saying("Switchboard integration added."),
);

export const updateSwitchboardIntegrationAction = memberAction(
  updateSwitchboardIntegrationSchema,
  "admin",
  updateSwitchboardIntegration,
  saying("Switchboard integration updated."),
);

export const deleteSwitchboardIntegrationAction = memberAction(
  switchboardIntegrationRefSchema,
  "admin",
  deleteSwitchboardIntegration,
  saying("Switchboard integration removed."),
);

/** Here for owners and admins; the inbox offers the same use-case to agents in a conversation. */
export const controlConversationAction = memberAction(
  controlConversationSchema,
  "admin",
  controlConversation,
  saying("Done: SunCo changed who controls the conversation."),
);

/** The metadata fields every pass or offer of control carries on this connection (first_message_id is always added). */
export const updateHandoffFieldsAction = memberAction(handoffFieldsInputSchema, "admin", setHandoffFields, saying("Handoff fields saved."));
