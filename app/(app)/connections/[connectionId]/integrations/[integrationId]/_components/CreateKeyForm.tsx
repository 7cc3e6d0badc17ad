"use client";

import { Field } from "@/app/_components/Field";
import { ActionForm } from "../../../_components/ActionForm";
import { SecretOnce } from "../../../_components/SecretOnce";
import { createIntegrationKeyAction } from "../actions";

export function CreateKeyForm({ connectionId, integrationId, disabledReason }: { connectionId: string; integrationId: string; disabledReason: string | null }) {
  return (
    <ActionForm
      action={createIntegrationKeyAction}
      hidden={{ connectionId, integrationId }}
      label="Create an API key"
      submitLabel="Create API key"
      disabledReason={disabledReason}
      success={(key) => (
        <div className="alert success" role="status">
          Created API key <code>{key.id}</code>.
          <SecretOnce label={`Secret of ${key.id}`} value={key.secret} testId="new-key-secret" />
        </div>
      )}
    >
      {(errors) => <Field id="new-key-name" label="Key name" name="displayName" required maxLength={100} errors={errors.displayName} />}
    </ActionForm>
  );
}
