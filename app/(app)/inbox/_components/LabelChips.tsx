// A conversation's labels as coloured chips (ids of deleted labels are left out).
import type { Label } from "@/lib/inbox";
import styles from "./inbox.module.css";

export function LabelChips({ ids, labels, testId }: { ids: string[]; labels: Label[]; testId?: string }) {
  const shown = labels.filter((label) => ids.includes(label.id));
  if (shown.length === 0) return null;
  return (
    <span className={styles.labelChips} data-testid={testId}>
      {shown.map((label) => (
        <span key={label.id} className={`${styles.labelChip} ${styles[`label-${label.color}`] ?? ""}`}>
          {label.name}
        </span>
      ))}
    </span>
  );
}
