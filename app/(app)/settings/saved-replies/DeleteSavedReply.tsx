"use client";

import { ConfirmedActionButton } from "@/app/_components/ConfirmedActionButton";
import { deleteSavedReplyAction } from "./actions";

export function DeleteSavedReply({ id, title }: { id: string; title: string }) {
  return (
    <ConfirmedActionButton
      label="Delete"
      ariaLabel={`Delete ${title}`}
      question={`Delete the saved reply "${title}"? Agents will no longer be able to use it.`}
      action={() => deleteSavedReplyAction(id)}
    />
  );
}
