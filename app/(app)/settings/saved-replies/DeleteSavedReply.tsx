"use client";

import { DeleteButton } from "@/app/_components/DeleteButton";
import { deleteSavedReplyAction } from "./actions";

export function DeleteSavedReply({ id, title }: { id: string; title: string }) {
  return (
    <DeleteButton name={title} confirm={`Delete the saved reply "${title}"? Agents will no longer be able to use it.`} action={() => deleteSavedReplyAction(id)} />
  );
}
