"use client";
// Adds an event endpoint (then shows its secret, once), or edits one (its id bound into the action).
import { ActionMessage } from "@/app/_components/ActionMessage";
import { Field } from "@/app/_components/Field";
import { useFormAction } from "@/app/_components/use-form-action";
import { createEndpointAction, updateEndpointAction } from "./actions";
import { SecretOnce } from "./SecretOnce";

interface Props {
  endpoint?: { id: string; url: string; description: string; eventTypes: string[] };
  eventTypes: readonly string[];
}

export function EndpointForm({ endpoint, eventTypes }: Props) {
  const action = endpoint ? updateEndpointAction.bind(null, endpoint.id) : createEndpointAction;
  const { state, fieldErrors: errors, pending, formProps } = useFormAction<{ secret: string } | void>(action);
  const prefix = endpoint ? `endpoint-${endpoint.id}` : "new-endpoint";
  const secret = state?.ok && state.data ? state.data.secret : null;
  return (
    <form {...formProps}>
      <ActionMessage state={state} />
      {secret && <SecretOnce secret={secret} />}
      <Field id={`${prefix}-url`} label="URL" name="url" type="url" defaultValue={endpoint?.url} placeholder="https://partner.example.com/sunbridge-events" required errors={errors.url} />
      <Field id={`${prefix}-description`} label="Description" name="description" defaultValue={endpoint?.description} maxLength={200} errors={errors.description} />
      <fieldset className="field">
        <legend>Event types (none checked: every type)</legend>
        {eventTypes.map((type) => (
          <label key={type} className="checkbox">
            <input type="checkbox" name="eventTypes" value={type} defaultChecked={endpoint?.eventTypes.includes(type)} /> <code>{type}</code>
          </label>
        ))}
        {errors.eventTypes && (
          <span className="error" role="alert">
            {errors.eventTypes.join(" ")}
          </span>
        )}
      </fieldset>
      <button type="submit" className="button" disabled={pending}>
        {endpoint ? "Save" : "Add endpoint"}
      </button>
    </form>
  );
}
