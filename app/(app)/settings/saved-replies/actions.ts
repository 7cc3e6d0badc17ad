"use server";

import { z } from "zod";
import { formInput } from "@/lib/actions/action";
import { memberAction, nothing } from "@/lib/actions/member-action";
import { createSavedReply, deleteSavedReply, savedReplySchema, updateSavedReply, updateSavedReplySchema } from "@/lib/inbox";

const PAGE = "/settings/saved-replies";
const FORM = { input: formInput(), revalidate: PAGE, returns: nothing };

export const createSavedReplyAction = memberAction(savedReplySchema, "admin", createSavedReply, { ...FORM, message: "Saved reply added." });

/** The page binds the saved reply's id. */
export const updateSavedReplyAction = memberAction(updateSavedReplySchema, "admin", (ctx, { id, ...reply }) => updateSavedReply(ctx, id, reply), {
  ...FORM,
  input: formInput({ bound: "id" }),
  message: "Saved reply updated.",
});

export const deleteSavedReplyAction = memberAction(z.string(), "admin", deleteSavedReply, { field: "id", revalidate: PAGE, message: "Saved reply deleted." });
