// The one way the UI writes dates and times: in the reader's locale and time zone, in three lengths — short (a
// list's "14:05" today, "Mar 3" this year, "Mar 3, 2025" before), full ("Mar 3, 2025, 14:05") and day ("Mar 3,
// 2025"). Before the browser can say its locale (a server render), a neutral UTC form stands in.

const sameDay = (a: Date, b: Date) => a.toDateString() === b.toDateString();

export function shortTime(iso: string): string {
  const date = new Date(iso);
  const now = new Date();
  if (sameDay(date, now)) return date.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
  const sameYear = date.getFullYear() === now.getFullYear();
  return date.toLocaleDateString(undefined, { month: "short", day: "numeric", ...(sameYear ? {} : { year: "numeric" }) });
}

export function fullTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export function dayOf(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { dateStyle: "medium" });
}

export const TIME_FORMATS = { short: shortTime, full: fullTime, day: dayOf } as const;
export type TimeFormat = keyof typeof TIME_FORMATS;

/** "2025-03-03 14:05 UTC": what a server render shows until the browser formats it. */
export function utcTime(iso: string): string {
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}
