"use client";

import { useState } from "react";
import { Field } from "@/app/_components/Field";
import { ActionForm } from "../../_components/ActionForm";
import { controlConversationAction } from "../actions";

interface Props {
  connectionId: string;
  /** Switchboard integration names known to this page; SunCo also takes an id, an integrationType or "next". */
  targets: string[];
  disabledReason: string | null;
}

export function ControlConversationForm({ connectionId, targets, disabledReason }: Props) {
  const [action, setAction] = useState("pass");
  const needsTarget = action === "pass" || action === "offer";
  return (
    <ActionForm
      action={controlConversationAction}
      hidden={{ connectionId }}
      label="Control of a conversation"
      submitLabel="Apply"
      disabledReason={disabledReason}
    >
      {(errors) => (
        <>
          <Field id="control-conversation" label="Conversation id" name="conversationId" required errors={errors.conversationId} />
          <div className="field">
            <label htmlFor="control-action">Action</label>
            <select id="control-action" name="action" value={action} onChange={(event) => setAction(event.currentTarget.value)}>
              <option value="pass">Pass control to…</option>
              <option value="offer">Offer control to…</option>
              <option value="accept">Accept the pending offer</option>
              <option value="release">Release control</option>
            </select>
          </div>
          {needsTarget && (
            <>
              <Field
                id="control-to"
                label="To (switchboard integration)"
                name="to"
                required
                list="control-targets"
                hint="Its name, id or integration type, or next for the active one's next."
                errors={errors.to}
              />
              <datalist id="control-targets">
                {[...targets, "next"].map((target) => (
                  <option key={target} value={target} />
                ))}
              </datalist>
            </>
          )}
        </>
      )}
    </ActionForm>
  );
}
