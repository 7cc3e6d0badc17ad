"use client";
// A button that runs one server action and shows its refusal beside it. A destructive action is asked first
// (window.confirm, as every destructive action in the app).
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/action";

interface Props {
  label: string;
  /** The accessible name, naming what it acts on. */
  ariaLabel: string;
  /** Asked before a destructive action runs; the button is then styled as dangerous. */
  question?: string;
  action: () => Promise<ActionResult<unknown>>;
}

export function ActionButton({ label, ariaLabel, question, action }: Props) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className={`button small ${question ? "danger" : "secondary"}`}
        disabled={pending}
        aria-label={ariaLabel}
        onClick={() => {
          if (question && !window.confirm(question)) return;
          start(async () => {
            const result = await action();
            setError(result.ok ? null : result.error);
          });
        }}
      >
        {label}
      </button>
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
