"use server";

import { z } from "zod";
import { formInput } from "@/lib/actions/action";
import { memberAction, nothing } from "@/lib/actions/member-action";
import { createMessageTemplate, deleteMessageTemplate, messageTemplateSchema, updateMessageTemplate, updateMessageTemplateSchema } from "@/lib/inbox";

const PAGE = "/settings/templates";
const FORM = { input: formInput(), revalidate: PAGE, returns: nothing };

export const createTemplateAction = memberAction(messageTemplateSchema, "admin", createMessageTemplate, { ...FORM, message: "Template added." });

/** The page binds the template's id. */
export const updateTemplateAction = memberAction(updateMessageTemplateSchema, "admin", (ctx, { id, ...template }) => updateMessageTemplate(ctx, id, template), {
  ...FORM,
  input: formInput({ bound: "id" }),
  message: "Template updated.",
});

export const deleteTemplateAction = memberAction(z.string(), "admin", deleteMessageTemplate, { field: "id", revalidate: PAGE, message: "Template deleted." });
