"use server";

import { memberAction } from "@/lib/actions/member-action";
import {
  createCustomIntegration,
  createCustomIntegrationSchema,
  deleteIntegration,
  integrationRefSchema,
  renameIntegration,
  renameIntegrationSchema,
} from "@/lib/integrations";
import { saying, SETUP_FORM_WITH_TRIGGERS } from "../setup-form";

export type CreatedIntegration = Awaited<ReturnType<typeof createCustomIntegration>>;

export const createCustomIntegrationAction = memberAction(createCustomIntegrationSchema, "admin", createCustomIntegration, SETUP_FORM_WITH_TRIGGERS);

export const renameIntegrationAction = memberAction(renameIntegrationSchema, "admin", renameIntegration, saying("Integration renamed."));

export const deleteIntegrationAction = memberAction(integrationRefSchema, "admin", deleteIntegration, saying("Integration deleted, with its webhooks and keys."));
