"use client";

import { ActionButton } from "@/app/_components/ActionButton";
import { revokeConnectLinkAction } from "../actions";

export function RevokeConnectLink({ id, externalId }: { id: string; externalId: string }) {
  return (
    <ActionButton
      label="Revoke"
      ariaLabel={`Revoke the link for ${externalId}`}
      question={`Revoke the connect link for "${externalId}"? It stops working at once.`}
      action={() => revokeConnectLinkAction(id)}
    />
  );
}
