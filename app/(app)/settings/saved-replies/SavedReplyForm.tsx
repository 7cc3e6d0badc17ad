"use client";
// Adds a saved reply, or edits one (with its id bound into the action).
import { ActionMessage } from "@/app/_components/ActionMessage";
import { Field } from "@/app/_components/Field";
import { useFormAction } from "@/app/_components/use-form-action";
import { createSavedReplyAction, updateSavedReplyAction } from "./actions";

interface Props {
  reply?: { id: string; title: string; body: string };
  variables: string;
}

export function SavedReplyForm({ reply, variables }: Props) {
  const action = reply ? updateSavedReplyAction.bind(null, reply.id) : createSavedReplyAction;
  const { state, fieldErrors: errors, pending, formProps } = useFormAction(action);
  const prefix = reply ? `reply-${reply.id}` : "new-reply";
  return (
    <form {...formProps}>
      <ActionMessage state={state} />
      <Field id={`${prefix}-title`} label="Title" name="title" defaultValue={reply?.title} maxLength={100} required errors={errors.title} />
      <div className="field">
        <label htmlFor={`${prefix}-body`}>Reply</label>
        <textarea
          id={`${prefix}-body`}
          name="body"
          rows={4}
          defaultValue={reply?.body}
          required
          maxLength={4096}
          aria-describedby={`${prefix}-body-hint`}
          aria-invalid={errors.body ? true : undefined}
        />
        <span className="hint" id={`${prefix}-body-hint`}>
          Variables: {variables}. Add a fallback after a bar: {"{{user.givenName|there}}"}.
        </span>
        {errors.body && (
          <span className="error" role="alert">
            {errors.body.join(" ")}
          </span>
        )}
      </div>
      <button type="submit" className="button" disabled={pending}>
        {reply ? "Save" : "Add saved reply"}
      </button>
    </form>
  );
}
