"use client";
// A button for a destructive action: asked first (window.confirm, as every destructive action in the app), then the
// action runs, and its refusal shows beside the button.
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/action";

interface Props {
  label: string;
  /** The accessible name, naming what it acts on. */
  ariaLabel: string;
  question: string;
  action: () => Promise<ActionResult<unknown>>;
}

export function ConfirmedActionButton({ label, ariaLabel, question, action }: Props) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="button danger small"
        disabled={pending}
        aria-label={ariaLabel}
        onClick={() => {
          if (!window.confirm(question)) return;
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
