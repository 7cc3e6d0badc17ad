"use client";
// Snooze: the presets, or a time of the agent's choosing. Used by the thread's header and the list's bulk actions.
import { useId, useRef, useState } from "react";
import styles from "./inbox.module.css";
import { localTime, SNOOZE_PRESETS } from "./snooze-presets";

interface Props {
  disabled?: boolean;
  /** Called with the moment chosen. */
  onSnooze: (until: Date) => void;
}

export function SnoozeMenu({ disabled, onSnooze }: Props) {
  const id = useId();
  const menu = useRef<HTMLDetailsElement>(null);
  const [custom, setCustom] = useState("");
  const [error, setError] = useState<string | null>(null);

  const choose = (until: Date) => {
    if (menu.current) menu.current.open = false;
    setError(null);
    onSnooze(until);
  };

  return (
    <details className={styles.menu} ref={menu}>
      <summary className="button secondary small" aria-disabled={disabled || undefined} onClick={(event) => disabled && event.preventDefault()}>
        Snooze
      </summary>
      <div className={styles.menuPanel} role="group" aria-label="Snooze until">
        {SNOOZE_PRESETS.map((preset) => (
          <button key={preset.label} type="button" className={styles.menuItem} onClick={() => choose(preset.until(new Date()))}>
            {preset.label}
          </button>
        ))}
        <form
          className={styles.menuCustom}
          onSubmit={(event) => {
            event.preventDefault();
            const until = localTime(custom);
            if (!until || until.getTime() <= Date.now()) return setError("Choose a time in the future.");
            choose(until);
          }}
        >
          <label htmlFor={`${id}-custom`}>Until</label>
          <input id={`${id}-custom`} type="datetime-local" value={custom} onChange={(event) => setCustom(event.target.value)} required />
          <button type="submit" className="button small">
            Snooze
          </button>
          {error && (
            <span className={styles.error} role="alert">
              {error}
            </span>
          )}
        </form>
      </div>
    </details>
  );
}
