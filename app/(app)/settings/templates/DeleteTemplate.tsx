"use client";

import { DeleteButton } from "@/app/_components/DeleteButton";
import { deleteTemplateAction } from "./actions";

export function DeleteTemplate({ id, title }: { id: string; title: string }) {
  return <DeleteButton name={title} confirm={`Delete the template "${title}"? Agents will no longer be able to send it.`} action={() => deleteTemplateAction(id)} />;
}
