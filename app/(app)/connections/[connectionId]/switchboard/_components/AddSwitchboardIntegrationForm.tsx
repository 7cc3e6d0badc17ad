"use client";

import { Field } from "@/app/_components/Field";
import { SelectField } from "@/app/_components/SelectField";
import type { IntegrationChoice } from "@/lib/switchboards";
import { ActionForm } from "../../_components/ActionForm";
import { createSwitchboardIntegrationAction } from "../actions";
import { END_OF_CHAIN } from "./ChainRow";

interface Props {
  connectionId: string;
  integrations: IntegrationChoice[];
  members: { id: string; name: string }[];
  disabledReason: string | null;
}

export function AddSwitchboardIntegrationForm({ connectionId, integrations, members, disabledReason }: Props) {
  return (
    <ActionForm
      action={createSwitchboardIntegrationAction}
      hidden={{ connectionId }}
      label="Add a switchboard integration"
      submitLabel="Add to switchboard"
      disabledReason={disabledReason}
    >
      {(errors) => (
        <>
          <Field
            id="new-member-name"
            label="Name"
            name="name"
            required
            maxLength={128}
            pattern="[A-Za-z0-9_\-]+"
            hint="Letters, digits, - and _: integrations pass control to it by this name."
            errors={errors.name}
          />
          <SelectField id="new-member-integration" label="Integration" name="integration" required options={integrations} errors={errors.integration} />
          <SelectField
            id="new-member-next"
            label="Passes control next to"
            name="nextSwitchboardIntegrationId"
            defaultValue=""
            options={[END_OF_CHAIN, ...members.map((member) => ({ value: member.id, label: member.name }))]}
          />
          <label className="checkbox field">
            <input type="checkbox" name="deliverStandbyEvents" defaultChecked /> Send it events while another integration is in control
          </label>
          <Field
            id="new-member-history"
            label="Messages of history on taking control (optional, 1–10)"
            name="messageHistoryCount"
            inputMode="numeric"
            errors={errors.messageHistoryCount}
          />
        </>
      )}
    </ActionForm>
  );
}
