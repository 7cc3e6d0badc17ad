"use server";

import { z } from "zod";
import { formInput } from "@/lib/actions/action";
import { memberAction, nothing } from "@/lib/actions/member-action";
import { createLabel, deleteLabel, labelSchema, updateLabel, updateLabelSchema } from "@/lib/inbox";

const PAGE = "/settings/labels";
const FORM = { input: formInput(), revalidate: PAGE, returns: nothing };

export const createLabelAction = memberAction(labelSchema, "admin", createLabel, { ...FORM, message: "Label added." });

/** The page binds the label's id. */
export const updateLabelAction = memberAction(updateLabelSchema, "admin", (ctx, { id, ...label }) => updateLabel(ctx, id, label), {
  ...FORM,
  input: formInput({ bound: "id" }),
  message: "Label updated.",
});

export const deleteLabelAction = memberAction(z.uuid({ error: "is not a label" }), "admin", deleteLabel, { field: "id", revalidate: PAGE, message: "Label deleted." });
