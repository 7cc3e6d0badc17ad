"use client";

import { useActionState, useId, type ReactNode } from "react";
import type { ActionResult, ActionState } from "@/lib/actions/action";
import type { FieldErrors } from "@/lib/errors";
import { Outcome } from "./Outcome";

interface Props<T> {
  action: (state: ActionState<T>, form: FormData) => Promise<ActionResult<T>>;
  /** Hidden fields every submission carries (ids). */
  hidden: Record<string, string>;
  submitLabel: string;
  pendingLabel?: string;
  /** Asked before submitting a destructive change. */
  confirm?: string;
  tone?: "primary" | "secondary" | "danger";
  /** Why the action is unavailable: the button is disabled and says so. */
  disabledReason?: string | null;
  /** What to show on success instead of the action's message (e.g. a secret shown once). */
  success?: (data: T) => ReactNode;
  children?: ReactNode | ((errors: FieldErrors) => ReactNode);
  inline?: boolean;
  label?: string;
}

/** A form bound to a server action: its outcome above the fields, field errors beside them, one submit button. */
export function ActionForm<T>({
  action,
  hidden,
  submitLabel,
  pendingLabel,
  confirm,
  tone = "primary",
  disabledReason,
  success,
  children,
  inline,
  label,
}: Props<T>) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const id = useId();
  const reasonId = disabledReason ? `${id}-reason` : undefined;
  return (
    <form
      action={formAction}
      aria-label={label}
      className={inline ? "inline-form" : undefined}
      onSubmit={(event) => {
        if (confirm && !window.confirm(confirm)) event.preventDefault();
      }}
    >
      <Outcome result={state} success={success} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {typeof children === "function" ? children(errors) : children}
      <button
        type="submit"
        className={`button${tone === "primary" ? "" : ` ${tone}`}${inline ? " small" : ""}`}
        disabled={pending || Boolean(disabledReason)}
        aria-describedby={reasonId}
      >
        {pending ? (pendingLabel ?? "Working…") : submitLabel}
      </button>
      {disabledReason && (
        <span className="hint" id={reasonId}>
          {disabledReason}
        </span>
      )}
    </form>
  );
}
