"use client";
// Adds a label, or edits one (with its id bound into the action).
import { useActionState, useEffect, useRef } from "react";
import type { ActionState } from "@/lib/actions/action";
import { Field } from "@/app/_components/Field";
import type { Label, LabelColor } from "@/lib/inbox";
import { createLabelAction, updateLabelAction } from "./actions";
import { ActionMessage } from "@/app/_components/ActionMessage";

interface Props {
  label?: Label;
  colors: readonly LabelColor[];
}

export function LabelForm({ label, colors }: Props) {
  const action = label ? updateLabelAction.bind(null, label.id) : createLabelAction;
  const [state, submit, pending] = useActionState<ActionState, FormData>(action, null);
  const prefix = label ? `label-${label.id}` : "new-label";
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok && !label) form.current?.reset();
  }, [state, label]);
  return (
    <form action={submit} ref={form}>
      <ActionMessage state={state} />
      <Field id={`${prefix}-name`} label="Name" name="name" defaultValue={label?.name} maxLength={40} required errors={errors?.name} />
      <div className="field">
        <label htmlFor={`${prefix}-color`}>Colour</label>
        <select id={`${prefix}-color`} name="color" defaultValue={label?.color ?? "blue"} aria-invalid={errors?.color ? true : undefined}>
          {colors.map((color) => (
            <option key={color} value={color}>
              {color[0]!.toUpperCase() + color.slice(1)}
            </option>
          ))}
        </select>
        {errors?.color && (
          <span className="error" role="alert">
            {errors.color.join(" ")}
          </span>
        )}
      </div>
      <button type="submit" className="button" disabled={pending}>
        {label ? "Save" : "Add label"}
      </button>
    </form>
  );
}
