"use client";
// Adds a WhatsApp template, or edits one (with its id bound into the action).
import { ActionMessage } from "@/app/_components/ActionMessage";
import { Field } from "@/app/_components/Field";
import { useFormAction } from "@/app/_components/use-form-action";
import { createTemplateAction, updateTemplateAction } from "./actions";

interface Props {
  template?: { id: string; title: string; templateName: string; language: string; lines: string };
}

export function TemplateForm({ template }: Props) {
  const action = template ? updateTemplateAction.bind(null, template.id) : createTemplateAction;
  // Refused, the form keeps what was typed (React would reset it to the saved values).
  const { state, fieldErrors: errors, pending, formProps } = useFormAction(action);
  const prefix = template ? `template-${template.id}` : "new-template";
  const parameterErrors = Object.entries(errors).filter(([field]) => field.startsWith("parameters")).flatMap(([, messages]) => messages ?? []);
  return (
    <form {...formProps}>
      <ActionMessage state={state} />
      <Field id={`${prefix}-title`} label="Title" name="title" defaultValue={template?.title} maxLength={100} required errors={errors.title} />
      <Field
        id={`${prefix}-name`}
        label="WhatsApp template name"
        name="templateName"
        defaultValue={template?.templateName}
        maxLength={512}
        required
        errors={errors.templateName}
      />
      <Field id={`${prefix}-language`} label="Language" name="language" defaultValue={template?.language ?? "en_US"} maxLength={6} required errors={errors.language} />
      <div className="field">
        <label htmlFor={`${prefix}-parameters`}>Parameters</label>
        <textarea
          id={`${prefix}-parameters`}
          name="parameters"
          rows={3}
          defaultValue={template?.lines}
          aria-describedby={`${prefix}-parameters-hint`}
          aria-invalid={parameterErrors.length > 0 ? true : undefined}
        />
        <span className="hint" id={`${prefix}-parameters-hint`}>
          One per line, in the template&apos;s order: header or body, a label agents see, and an optional default after =, such as
          &quot;body: Order number = #1&quot;.
        </span>
        {parameterErrors.length > 0 && (
          <span className="error" role="alert">
            {parameterErrors.join(" ")}
          </span>
        )}
      </div>
      <button type="submit" className="button" disabled={pending}>
        {template ? "Save" : "Add template"}
      </button>
    </form>
  );
}
