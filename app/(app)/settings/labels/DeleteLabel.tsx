"use client";

import { DeleteButton } from "@/app/_components/DeleteButton";
import { deleteLabelAction } from "./actions";

export function DeleteLabel({ id, name }: { id: string; name: string }) {
  return (
    <DeleteButton
      name={name}
      confirm={`Delete the label "${name}"? It is taken off every conversation that has it.`}
      action={() => deleteLabelAction(id)}
    />
  );
}
