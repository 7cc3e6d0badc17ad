"use client";
// The buttons a reply carries: reply buttons (the end user's tap answers with its text), postbacks (a tap tells
// the business, silently) and links.
import styles from "./inbox.module.css";

export interface DraftButton {
  type: "reply" | "postback" | "link";
  text: string;
  /** The payload (reply, postback) or the address (link). */
  value: string;
}

const VALUE_LABELS = { reply: "Payload (optional)", postback: "Payload (optional)", link: "https:// address" };

export function ButtonEditor({ buttons, onChange }: { buttons: DraftButton[]; onChange: (buttons: DraftButton[]) => void }) {
  const update = (index: number, change: Partial<DraftButton>) => onChange(buttons.map((b, i) => (i === index ? { ...b, ...change } : b)));
  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0, display: "grid", gap: "0.3rem" }}>
      <legend className="visually-hidden">Buttons</legend>
      {buttons.map((button, index) => (
        <div key={index} className={styles.buttonRow}>
          <select aria-label={`Button ${index + 1} kind`} value={button.type} onChange={(e) => update(index, { type: e.target.value as DraftButton["type"] })}>
            <option value="reply">Reply</option>
            <option value="postback">Postback</option>
            <option value="link">Link</option>
          </select>
          <input type="text" aria-label={`Button ${index + 1} text`} placeholder="Button text" value={button.text} maxLength={128} onChange={(e) => update(index, { text: e.target.value })} />
          <input
            type={button.type === "link" ? "url" : "text"}
            aria-label={`Button ${index + 1} ${button.type === "link" ? "address" : "payload"}`}
            placeholder={VALUE_LABELS[button.type]}
            value={button.value}
            onChange={(e) => update(index, { value: e.target.value })}
          />
          <button type="button" className="button secondary small" aria-label={`Remove button ${index + 1}`} onClick={() => onChange(buttons.filter((_, i) => i !== index))}>
            ✕
          </button>
        </div>
      ))}
    </fieldset>
  );
}

/** What the send action takes. */
export function actionsOf(buttons: DraftButton[]) {
  return buttons.map((button) =>
    button.type === "link"
      ? { type: "link" as const, text: button.text, uri: button.value.trim() }
      : { type: button.type, text: button.text, ...(button.value.trim() ? { payload: button.value.trim() } : {}) },
  );
}
