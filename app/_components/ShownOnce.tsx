"use client";
// A secret Sunbridge shows this once (an API key, a connect link), with a copy button: after this, nobody can see it.
import { useState, type ReactNode } from "react";

export function ShownOnce({ value, label, children }: { value: string; label: string; children: ReactNode }) {
  const [copied, setCopied] = useState<string | null>(null);
  return (
    <div className="secret-once" role="status">
      <p>{children}</p>
      <div className="row">
        <input type="text" readOnly value={value} aria-label={label} onFocus={(event) => event.currentTarget.select()} />
        <button type="button" className="button small" onClick={() => void navigator.clipboard.writeText(value).then(() => setCopied(value))}>
          {copied === value ? "Copied" : "Copy"}
        </button>
      </div>
    </div>
  );
}
