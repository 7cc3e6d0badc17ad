// A signing secret shown the one time it can be: after this, only its rotation makes a new one.
export function SecretOnce({ secret }: { secret: string }) {
  return (
    <div className="field">
      <label htmlFor="signing-secret">Signing secret (shown once)</label>
      <input id="signing-secret" readOnly value={secret} className="mono" onFocus={(event) => event.currentTarget.select()} />
      <span className="hint">Verify each event&apos;s webhook-signature with it (Standard Webhooks).</span>
    </div>
  );
}
