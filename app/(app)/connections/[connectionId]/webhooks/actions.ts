"use server";

import { memberAction } from "@/lib/actions/member-action";
import { createWebhook, createWebhookSchema, deleteWebhook, deleteWebhookSchema, updateWebhook, updateWebhookSchema } from "@/lib/integrations";
import { saying, SETUP_FORM_WITH_TRIGGERS } from "../setup-form";

/** The new webhook's secret is shown once, here. */
export const createWebhookAction = memberAction(createWebhookSchema, "admin", createWebhook, {
  ...SETUP_FORM_WITH_TRIGGERS,
  returns: ({ webhook, secret }) => ({ target: webhook.target, secret }),
});

export const updateWebhookAction = memberAction(updateWebhookSchema, "admin", updateWebhook, saying("Webhook updated.", SETUP_FORM_WITH_TRIGGERS));

export const deleteWebhookAction = memberAction(deleteWebhookSchema, "admin", deleteWebhook, saying("Webhook deleted."));
