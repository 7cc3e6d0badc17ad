"use client";

import { Field } from "@/app/_components/Field";
import { ActionForm } from "../../_components/ActionForm";
import { SecretOnce } from "../../_components/SecretOnce";
import { NewWebhookFields } from "../../_components/WebhookFields";
import { createCustomIntegrationAction, type CreatedIntegration } from "../actions";

function Created({ created }: { created: CreatedIntegration }) {
  return (
    <div className={`alert ${created.incomplete ? "warning" : "success"}`} role="status">
      <p>
        Created the custom integration “{created.integration.displayName}” (<code>{created.integration.id}</code>)
        {created.webhook && (
          <>
            {" "}
            with its webhook to <code>{created.webhook.target}</code>
          </>
        )}
        .
      </p>
      {created.webhookSecret && <SecretOnce label="Webhook secret (sent as X-API-Key)" value={created.webhookSecret} testId="created-webhook-secret" />}
      {created.key && <SecretOnce label={`API key ${created.key.id} secret`} value={created.key.secret} testId="created-key-secret" />}
      {created.incomplete && <p>{created.incomplete}</p>}
    </div>
  );
}

export function CreateCustomIntegrationForm({ connectionId, triggers }: { connectionId: string; triggers: readonly string[] }) {
  return (
    <ActionForm
      action={createCustomIntegrationAction}
      hidden={{ connectionId }}
      label="Create a custom integration"
      submitLabel="Create custom integration"
      pendingLabel="Creating at SunCo…"
      success={(created) => <Created created={created} />}
    >
      {(errors) => (
        <>
          <Field id="new-integration-name" label="Name" name="displayName" required maxLength={100} errors={errors.displayName} />
          <NewWebhookFields
            idPrefix="new-integration"
            triggers={triggers}
            errors={errors}
            hint="A custom integration is created with exactly one webhook. SunCo sends a HEAD request to it first."
          />
          <Field
            id="new-integration-key"
            label="API key name (optional)"
            name="keyName"
            maxLength={100}
            hint="Creates an API key for the integration too; its secret is shown once."
            errors={errors.keyName}
          />
        </>
      )}
    </ActionForm>
  );
}
