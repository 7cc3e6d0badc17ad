"use client";

import { SelectField } from "@/app/_components/SelectField";
import { ActionForm } from "../../_components/ActionForm";
import { SecretOnce } from "../../_components/SecretOnce";
import { NewWebhookFields } from "../../_components/WebhookFields";
import { createWebhookAction } from "../actions";

interface Props {
  connectionId: string;
  /** The custom integrations a webhook may belong to; null for an OAuth connection (its own integration only). */
  owners: { id: string; name: string }[] | null;
  triggers: readonly string[];
  disabledReason: string | null;
}

export function CreateWebhookForm({ connectionId, owners, triggers, disabledReason }: Props) {
  return (
    <ActionForm
      action={createWebhookAction}
      hidden={{ connectionId }}
      label="Add a webhook"
      submitLabel="Add webhook"
      pendingLabel="SunCo is checking the target…"
      disabledReason={disabledReason}
      success={(data) => (
        <div className="alert success" role="status">
          Webhook added for {data.target}.{data.secret && <SecretOnce label="Webhook secret (sent as X-API-Key)" value={data.secret} />}
        </div>
      )}
    >
      {(errors) => (
        <>
          {owners && (
            <SelectField
              id="new-webhook-integration"
              label="Custom integration"
              name="integrationId"
              required
              options={owners.map((owner) => ({ value: owner.id, label: owner.name }))}
              errors={errors.integrationId}
            />
          )}
          <NewWebhookFields idPrefix="new-webhook" triggers={triggers} errors={errors} hint="SunCo sends a HEAD request to it first: it must answer 2xx." />
        </>
      )}
    </ActionForm>
  );
}
