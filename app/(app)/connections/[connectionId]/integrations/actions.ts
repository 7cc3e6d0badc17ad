"use server";

import { formFields, formFieldsWithLists } from "@/lib/actions/action";
import { createCustomIntegration, deleteIntegration, renameIntegration } from "@/lib/integrations";
import { changeSetup } from "../setup-action";

export type CreatedIntegration = Awaited<ReturnType<typeof createCustomIntegration>>;

export async function createCustomIntegrationAction(_: unknown, form: FormData) {
  return changeSetup((member) => createCustomIntegration(member, formFieldsWithLists(form, ["triggers"])));
}

export async function renameIntegrationAction(_: unknown, form: FormData) {
  return changeSetup(async (member) => void (await renameIntegration(member, formFields(form))), "Integration renamed.");
}

export async function deleteIntegrationAction(_: unknown, form: FormData) {
  return changeSetup((member) => deleteIntegration(member, formFields(form)), "Integration deleted, with its webhooks and keys.");
}
