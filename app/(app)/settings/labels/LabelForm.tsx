"use client";
// Adds a label, or edits one (with its id bound into the action).
import { ActionMessage } from "@/app/_components/ActionMessage";
import { Field } from "@/app/_components/Field";
import { SelectField } from "@/app/_components/SelectField";
import { useFormAction } from "@/app/_components/use-form-action";
import type { Label, LabelColor } from "@/lib/inbox";
import { createLabelAction, updateLabelAction } from "./actions";

interface Props {
  label?: Label;
  colors: readonly LabelColor[];
}

export function LabelForm({ label, colors }: Props) {
  const action = label ? updateLabelAction.bind(null, label.id) : createLabelAction;
  const { state, fieldErrors: errors, pending, formProps } = useFormAction(action);
  const prefix = label ? `label-${label.id}` : "new-label";
  return (
    <form {...formProps}>
      <ActionMessage state={state} />
      <Field id={`${prefix}-name`} label="Name" name="name" defaultValue={label?.name} maxLength={40} required errors={errors.name} />
      <SelectField
        id={`${prefix}-color`}
        label="Colour"
        name="color"
        defaultValue={label?.color ?? "blue"}
        options={colors.map((color) => ({ value: color, label: color[0]!.toUpperCase() + color.slice(1) }))}
        errors={errors.color}
      />
      <button type="submit" className="button" disabled={pending}>
        {label ? "Save" : "Add label"}
      </button>
    </form>
  );
}
