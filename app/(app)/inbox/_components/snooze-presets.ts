// The snooze presets, worked out in the agent's own time zone (the browser's): in an hour, tomorrow at 9:00, and next
// week (Monday at 9:00).

export interface SnoozePreset {
  label: string;
  until: (now: Date) => Date;
}

function atNine(day: Date): Date {
  const at = new Date(day);
  at.setHours(9, 0, 0, 0);
  return at;
}

export const SNOOZE_PRESETS: SnoozePreset[] = [
  { label: "1 hour", until: (now) => new Date(now.getTime() + 60 * 60_000) },
  {
    label: "Tomorrow, 9:00",
    until: (now) => {
      const tomorrow = new Date(now);
      tomorrow.setDate(now.getDate() + 1);
      return atNine(tomorrow);
    },
  },
  {
    label: "Next week (Monday, 9:00)",
    until: (now) => {
      const monday = new Date(now);
      monday.setDate(now.getDate() + (((8 - now.getDay()) % 7) || 7));
      return atNine(monday);
    },
  },
];

/** A datetime-local input's value (the agent's local time) as a moment; null when empty or invalid. */
export function localTime(value: string): Date | null {
  if (!value) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at;
}
