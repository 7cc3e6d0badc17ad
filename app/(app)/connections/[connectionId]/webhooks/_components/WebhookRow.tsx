"use client";

import type { WebhookView } from "@/lib/integrations";
import { ActionForm } from "../../_components/ActionForm";
import { PayloadOptions, TriggerFieldset } from "../../_components/WebhookFields";
import { deleteWebhookAction, updateWebhookAction } from "../actions";

interface Props {
  connectionId: string;
  webhook: WebhookView;
  triggers: readonly string[];
  disabledReason: string | null;
}

export function WebhookRow({ connectionId, webhook, triggers, disabledReason }: Props) {
  const hidden = { connectionId, integrationId: webhook.integrationId, webhookId: webhook.id };
  return (
    <tr data-webhook-id={webhook.id}>
      <td>
        <code>{webhook.target}</code> {webhook.managedBySunbridge && <span className="badge accent">Sunbridge</span>}
      </td>
      <td>
        <details>
          <summary>
            {webhook.triggers.length} trigger{webhook.triggers.length === 1 ? "" : "s"}
          </summary>
          <ul className="plain-list">
            {webhook.triggers.map((trigger) => (
              <li key={trigger}>
                <code>{trigger}</code>
              </li>
            ))}
          </ul>
        </details>
      </td>
      <td>{webhook.includeFullUser ? "Yes" : "No"}</td>
      <td>{webhook.includeFullSource ? "Yes" : "No"}</td>
      <td>
        {webhook.managedBySunbridge ? (
          <span className="muted">Managed by Sunbridge: its events feed the inbox.</span>
        ) : (
          <div className="row">
            <details className="edit-panel">
              <summary className="button secondary small">Edit</summary>
              <ActionForm action={updateWebhookAction} hidden={hidden} label={`Edit webhook ${webhook.target}`} submitLabel="Save webhook" disabledReason={disabledReason}>
                {(errors) => (
                  <>
                    <TriggerFieldset idPrefix={`webhook-${webhook.id}`} triggers={triggers} selected={webhook.triggers} errors={errors.triggers} />
                    <PayloadOptions fullUser={webhook.includeFullUser} fullSource={webhook.includeFullSource} />
                  </>
                )}
              </ActionForm>
            </details>
            <ActionForm
              action={deleteWebhookAction}
              hidden={hidden}
              inline
              tone="danger"
              label={`Delete webhook ${webhook.target}`}
              submitLabel="Delete"
              confirm={`Delete the webhook to ${webhook.target}? SunCo stops sending it events at once.`}
              disabledReason={disabledReason}
            />
          </div>
        )}
      </td>
    </tr>
  );
}
