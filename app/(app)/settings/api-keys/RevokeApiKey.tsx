"use client";

import { ActionButton } from "@/app/_components/ActionButton";
import { revokeApiKeyAction } from "./actions";

export function RevokeApiKey({ id, name }: { id: string; name: string }) {
  return (
    <ActionButton
      label="Revoke"
      ariaLabel={`Revoke ${name}`}
      question={`Revoke the API key "${name}"? Everything using it stops working at once, and it cannot be restored.`}
      action={() => revokeApiKeyAction(id)}
    />
  );
}
