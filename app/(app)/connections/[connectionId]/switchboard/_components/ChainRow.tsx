"use client";

import type { ChainStep } from "@/lib/switchboards";
import { Field } from "@/app/_components/Field";
import { SelectField } from "@/app/_components/SelectField";
import { ActionForm } from "../../_components/ActionForm";
import { deleteSwitchboardIntegrationAction, updateSwitchboardIntegrationAction } from "../actions";

export const END_OF_CHAIN = { value: "", label: "Nobody (end of the chain)" };

interface Props {
  connectionId: string;
  step: ChainStep;
  others: { id: string; name: string }[];
}

export function ChainRow({ connectionId, step, others }: Props) {
  const hidden = { connectionId, switchboardIntegrationId: step.id };
  return (
    <tr data-switchboard-integration-id={step.id}>
      <td>{step.step ?? "—"}</td>
      <td>
        <strong>{step.name}</strong> {step.isDefault && <span className="badge accent">default</span>}
      </td>
      <td>
        <code>{step.integrationType}</code>
        <div className="muted">
          <code>{step.integrationId}</code>
        </div>
      </td>
      <td>{step.nextName ?? "—"}</td>
      <td>{step.deliverStandbyEvents ? "Yes" : "No"}</td>
      <td>
        <div className="row">
          <details className="edit-panel">
            <summary className="button secondary small">Edit</summary>
            <ActionForm action={updateSwitchboardIntegrationAction} hidden={hidden} label={`Edit ${step.name}`} submitLabel="Save">
              {(errors) => (
                <>
                  <Field id={`name-${step.id}`} label="Name" name="name" defaultValue={step.name} required maxLength={128} errors={errors.name} />
                  <SelectField
                    id={`next-${step.id}`}
                    label="Passes control next to"
                    name="nextSwitchboardIntegrationId"
                    defaultValue={step.nextSwitchboardIntegrationId ?? ""}
                    options={[END_OF_CHAIN, ...others.map((other) => ({ value: other.id, label: other.name }))]}
                  />
                  <label className="checkbox field">
                    <input type="checkbox" name="deliverStandbyEvents" defaultChecked={step.deliverStandbyEvents} /> Send it events while
                    another integration is in control
                  </label>
                  <Field
                    id={`history-${step.id}`}
                    label="Messages of history on taking control (1–10, blank for none)"
                    name="messageHistoryCount"
                    inputMode="numeric"
                    defaultValue={step.messageHistoryCount ?? ""}
                    errors={errors.messageHistoryCount}
                  />
                </>
              )}
            </ActionForm>
          </details>
          <ActionForm
            action={deleteSwitchboardIntegrationAction}
            hidden={hidden}
            inline
            tone="danger"
            label={`Remove ${step.name}`}
            submitLabel="Remove"
            confirm={`Remove ${step.name} from the switchboard? Conversations it controls are left without a controller.`}
            disabledReason={step.undeletableBecause}
          />
        </div>
      </td>
    </tr>
  );
}
