"use client";

import Link from "next/link";
import type { IntegrationView } from "@/lib/integrations";
import { Field } from "@/app/_components/Field";
import { ActionForm } from "../../_components/ActionForm";
import { deleteIntegrationAction, renameIntegrationAction } from "../actions";

interface Props {
  connectionId: string;
  integration: IntegrationView;
  /** Why it may not be deleted here (Sunbridge's own integration). */
  undeletableBecause: string | null;
}

export function IntegrationRow({ connectionId, integration, undeletableBecause }: Props) {
  const hidden = { connectionId, integrationId: integration.id };
  const name = integration.displayName ?? integration.id;
  return (
    <tr data-integration-id={integration.id}>
      <td>
        {integration.type === "custom" ? <Link href={`/connections/${connectionId}/integrations/${integration.id}`}>{name}</Link> : name}{" "}
        {integration.managedBySunbridge && <span className="badge accent">Sunbridge</span>}
      </td>
      <td>
        <code>{integration.type}</code>
      </td>
      <td>{integration.status ?? "—"}</td>
      <td>
        <div className="row">
          <details className="edit-panel">
            <summary className="button secondary small">Rename</summary>
            <ActionForm action={renameIntegrationAction} hidden={hidden} label={`Rename ${name}`} submitLabel="Save name">
              {(errors) => (
                <Field id={`rename-${integration.id}`} label="Name" name="displayName" defaultValue={integration.displayName ?? ""} required maxLength={100} errors={errors.displayName} />
              )}
            </ActionForm>
          </details>
          <ActionForm
            action={deleteIntegrationAction}
            hidden={hidden}
            inline
            tone="danger"
            label={`Delete ${name}`}
            submitLabel="Delete"
            confirm={`Delete ${name}? SunCo deletes its webhooks, API keys and switchboard integrations with it.`}
            disabledReason={undeletableBecause}
          />
        </div>
      </td>
    </tr>
  );
}
