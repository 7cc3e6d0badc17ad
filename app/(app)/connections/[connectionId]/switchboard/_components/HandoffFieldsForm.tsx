"use client";

import { useState } from "react";
import { ActionForm } from "../../_components/ActionForm";
import { updateHandoffFieldsAction } from "../actions";

interface Props {
  connectionId: string;
  /** The fields as `key=value` lines. */
  lines: string;
  maxFields: number;
}

/** The connection's handoff fields, one `key=value` per line; kept as typed when the server refuses them. */
export function HandoffFieldsForm({ connectionId, lines, maxFields }: Props) {
  // Controlled: a form action resets uncontrolled fields, which would lose what the admin wrote along with the error.
  const [text, setText] = useState(lines);
  return (
    <ActionForm action={updateHandoffFieldsAction} hidden={{ connectionId }} label="Handoff fields" submitLabel="Save handoff fields">
      {(errors) => (
        <div className="field">
          <label htmlFor="handoff-fields">Fields (one key=value per line)</label>
          <textarea
            id="handoff-fields"
            name="fields"
            rows={5}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            spellCheck={false}
            aria-invalid={errors.fields?.length ? true : undefined}
            aria-describedby={errors.fields?.length ? "handoff-fields-hint handoff-fields-error" : "handoff-fields-hint"}
            placeholder={"priority=high\ndataCapture.ticketField.360001234567=VIP"}
          />
          <span className="hint" id="handoff-fields-hint">
            Up to {maxFields} fields; keys of letters, digits, &quot;.&quot;, &quot;_&quot;, &quot;:&quot; and &quot;-&quot;. Empty to send none.
          </span>
          {errors.fields?.length ? (
            <span className="error" id="handoff-fields-error" role="alert">
              {errors.fields.join(" ")}
            </span>
          ) : null}
        </div>
      )}
    </ActionForm>
  );
}
