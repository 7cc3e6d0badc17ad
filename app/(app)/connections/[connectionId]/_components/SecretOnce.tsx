"use client";

/** A secret SunCo just issued, shown this once: Sunbridge keeps no copy. */
export function SecretOnce({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="secret-once">
      <p>
        <strong>{label}</strong> — copy it now: Sunbridge shows it only this once and does not store it.
      </p>
      <input type="text" readOnly value={value} aria-label={label} data-testid={testId} onFocus={(event) => event.currentTarget.select()} />
    </div>
  );
}
