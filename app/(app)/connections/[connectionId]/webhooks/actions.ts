"use server";

import { formFields, formFieldsWithLists } from "@/lib/actions/action";
import { createWebhook, deleteWebhook, updateWebhook } from "@/lib/integrations";
import { changeSetup } from "../setup-action";

export async function createWebhookAction(_: unknown, form: FormData) {
  return changeSetup(async (member) => {
    const { webhook, secret } = await createWebhook(member, formFieldsWithLists(form, ["triggers"]));
    return { target: webhook.target, secret };
  });
}

export async function updateWebhookAction(_: unknown, form: FormData) {
  return changeSetup(async (member) => void (await updateWebhook(member, formFieldsWithLists(form, ["triggers"]))), "Webhook updated.");
}

export async function deleteWebhookAction(_: unknown, form: FormData) {
  return changeSetup((member) => deleteWebhook(member, formFields(form)), "Webhook deleted.");
}
