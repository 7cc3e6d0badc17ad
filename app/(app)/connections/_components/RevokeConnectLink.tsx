"use client";

import { ConfirmedActionButton } from "@/app/_components/ConfirmedActionButton";
import { revokeConnectLinkAction } from "../actions";

export function RevokeConnectLink({ id, externalId }: { id: string; externalId: string }) {
  return (
    <ConfirmedActionButton
      label="Revoke"
      ariaLabel={`Revoke the link for ${externalId}`}
      question={`Revoke the connect link for "${externalId}"? It stops working at once.`}
      action={() => revokeConnectLinkAction(id)}
    />
  );
}
