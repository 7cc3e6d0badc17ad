"use server";

import { formFields } from "@/lib/actions/action";
import { createIntegrationKey, deleteIntegrationKey } from "@/lib/integrations";
import { changeSetup } from "../../setup-action";

export async function createIntegrationKeyAction(_: unknown, form: FormData) {
  return changeSetup(async (member) => {
    const key = await createIntegrationKey(member, formFields(form));
    return { id: key.id, secret: key.secret };
  });
}

export async function deleteIntegrationKeyAction(_: unknown, form: FormData) {
  return changeSetup((member) => deleteIntegrationKey(member, formFields(form)), "API key deleted: whatever used it no longer gets in.");
}
