"use client";
// A form's server action that keeps what was typed when the server refuses it. React resets a form after its action
// runs, successful or not, so a refused submission lost every field; submitted through `onSubmit` here it is not
// reset: the fields stay for the person to correct, except the secrets named in `clearOnFailure`. A success empties
// the form as before. Without JavaScript the form still posts through `action`.
import { useActionState, useEffect, useRef, useTransition, type FormEvent } from "react";
import type { ActionState } from "@/lib/actions/action";

export function useFormAction<T>(action: (state: ActionState<T>, form: FormData) => Promise<ActionState<T>>, clearOnFailure: string[] = []) {
  const [state, dispatch, pending] = useActionState(action, null);
  const [, startTransition] = useTransition();
  const form = useRef<HTMLFormElement>(null);
  const cleared = clearOnFailure.join("\n");

  useEffect(() => {
    if (!state || !form.current) return;
    if (state.ok) return form.current.reset();
    for (const name of cleared.split("\n")) {
      const field = form.current.elements.namedItem(name);
      if (field instanceof HTMLInputElement) field.value = "";
    }
  }, [state, cleared]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => dispatch(data));
  };

  const fieldErrors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return { state, fieldErrors, pending, formProps: { ref: form, action: dispatch, onSubmit } };
}
