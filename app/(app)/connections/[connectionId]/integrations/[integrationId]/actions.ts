"use server";

import { memberAction } from "@/lib/actions/member-action";
import { createIntegrationKey, createIntegrationKeySchema, deleteIntegrationKey, deleteIntegrationKeySchema } from "@/lib/integrations";
import { saying, SETUP_FORM } from "../../setup-form";

/** The new key's secret is shown once, here. */
export const createIntegrationKeyAction = memberAction(createIntegrationKeySchema, "admin", createIntegrationKey, {
  ...SETUP_FORM,
  returns: (key) => ({ id: key.id, secret: key.secret }),
});

export const deleteIntegrationKeyAction = memberAction(
  deleteIntegrationKeySchema,
  "admin",
  deleteIntegrationKey,
  saying("API key deleted: whatever used it no longer gets in."),
);
