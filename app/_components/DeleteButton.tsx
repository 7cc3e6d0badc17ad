"use client";
// A Delete button for one record: asks first (nothing brings the record back), runs the action, shows its refusal.
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/action";

interface Props {
  /** What is deleted, for the button's accessible name. */
  name: string;
  /** The question asked before deleting. */
  confirm: string;
  action: () => Promise<ActionResult>;
}

export function DeleteButton({ name, confirm, action }: Props) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="button danger small"
        disabled={pending}
        aria-label={`Delete ${name}`}
        onClick={() => {
          if (!window.confirm(confirm)) return;
          start(async () => {
            const result = await action();
            setError(result.ok ? null : result.error);
          });
        }}
      >
        Delete
      </button>
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
