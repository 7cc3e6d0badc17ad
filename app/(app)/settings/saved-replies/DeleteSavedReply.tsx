"use client";

import { useState, useTransition } from "react";
import { deleteSavedReplyAction } from "./actions";

export function DeleteSavedReply({ id, title }: { id: string; title: string }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="button danger small"
        disabled={pending}
        aria-label={`Delete ${title}`}
        onClick={() => {
          // As every destructive action in the app: asked first, since nothing brings the reply back.
          if (!window.confirm(`Delete the saved reply "${title}"? Agents will no longer be able to use it.`)) return;
          start(async () => {
            const result = await deleteSavedReplyAction(id);
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
