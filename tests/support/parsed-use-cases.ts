// Use-cases called with what their forms send (checkbox "on", "custom:<id>", untrimmed text), parsed by the same
// schema first, as memberAction does before it runs one: tests of a use-case speak the language of its form.
import type { z } from "zod";
import { newAccountSchema } from "@/lib/auth/schemas";
import * as connections from "@/lib/connections";
import * as integrations from "@/lib/integrations";
import * as invites from "@/lib/organizations/invites";
import * as organizations from "@/lib/organizations/sign-up";
import * as switchboards from "@/lib/switchboards";
import { parseInput } from "@/lib/validation";

/** `useCase`, taking its input as a form sends it: unknown until its schema has parsed it. */
function parsed<S extends z.ZodType, C, R>(schema: S, useCase: (ctx: C, input: z.output<S>) => Promise<R>) {
  return async (ctx: C, input: unknown) => useCase(ctx, parseInput(schema, input));
}

export const connectWithApiKey = parsed(connections.apiKeyConnectSchema, connections.connectWithApiKey);
export const setHandoffFields = parsed(connections.handoffFieldsInputSchema, connections.setHandoffFields);

export const createCustomIntegration = parsed(integrations.createCustomIntegrationSchema, integrations.createCustomIntegration);
export const renameIntegration = parsed(integrations.renameIntegrationSchema, integrations.renameIntegration);
export const deleteIntegration = parsed(integrations.integrationRefSchema, integrations.deleteIntegration);
export const listIntegrations = parsed(integrations.listIntegrationsSchema, integrations.listIntegrations);
export const createIntegrationKey = parsed(integrations.createIntegrationKeySchema, integrations.createIntegrationKey);
export const deleteIntegrationKey = parsed(integrations.deleteIntegrationKeySchema, integrations.deleteIntegrationKey);
export const listIntegrationKeys = parsed(integrations.integrationRefSchema, integrations.listIntegrationKeys);
export const createWebhook = parsed(integrations.createWebhookSchema, integrations.createWebhook);
export const updateWebhook = parsed(integrations.updateWebhookSchema, integrations.updateWebhook);
export const deleteWebhook = parsed(integrations.deleteWebhookSchema, integrations.deleteWebhook);
export const listWebhooks = parsed(connections.connectionRefSchema, integrations.listWebhooks);
export const getAppDetails = parsed(connections.connectionRefSchema, integrations.getAppDetails);
export const updateAppSettings = parsed(integrations.updateAppSettingsSchema, integrations.updateAppSettings);

export const getSwitchboard = parsed(connections.connectionRefSchema, switchboards.getSwitchboard);
export const createSwitchboard = parsed(connections.connectionRefSchema, switchboards.createSwitchboard);
export const updateSwitchboard = parsed(switchboards.updateSwitchboardSchema, switchboards.updateSwitchboard);
export const deleteSwitchboard = parsed(connections.connectionRefSchema, switchboards.deleteSwitchboard);
export const createSwitchboardIntegration = parsed(switchboards.createSwitchboardIntegrationSchema, switchboards.createSwitchboardIntegration);
export const updateSwitchboardIntegration = parsed(switchboards.updateSwitchboardIntegrationSchema, switchboards.updateSwitchboardIntegration);
export const deleteSwitchboardIntegration = parsed(switchboards.switchboardIntegrationRefSchema, switchboards.deleteSwitchboardIntegration);
export const controlConversation = parsed(switchboards.controlConversationSchema, switchboards.controlConversation);

export const signUp = async (input: unknown, request: organizations.NewAccountRequest) =>
  organizations.signUp(parseInput(organizations.signUpSchema, input), request);

export const acceptInviteWithNewAccount = async (token: string, input: unknown, request: organizations.NewAccountRequest) =>
  invites.acceptInviteWithNewAccount(token, parseInput(newAccountSchema, input), request);
