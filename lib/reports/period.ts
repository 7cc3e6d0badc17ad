// The days a report covers, in the organization's time zone: the last 7, 30 or 90 days up to today, or a from–to range.
import type { ReportPeriodInput } from "./schemas";

export interface ReportPeriod {
  /** The first day, and the day after the last (YYYY-MM-DD, local to timeZone). */
  from: string;
  until: string;
  /** Every day of the period, in order. */
  days: string[];
  timeZone: string;
}

const DAY_MS = 86_400_000;

function addDays(day: string, count: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + count * DAY_MS).toISOString().slice(0, 10);
}

/** Formatters by time zone: building one costs ~0.3 ms, and a report formats a day per rating. Bounded by IANA's list. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day it is at `now` in the time zone. */
export function localDay(now: Date, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    // An invalid zone threw above; spellings of real ones are few, but the cache stays bounded whatever comes.
    if (dayFormats.size >= 1000) dayFormats.clear();
    dayFormats.set(timeZone, format);
  }
  return format.format(now);
}

export function reportPeriod(input: ReportPeriodInput, timeZone: string, now: Date = new Date()): ReportPeriod {
  const [from, last] = input.from && input.to ? [input.from, input.to] : [addDays(localDay(now, timeZone), 1 - Number(input.days ?? "30")), localDay(now, timeZone)];
  const days: string[] = [];
  for (let day = from; day <= last; day = addDays(day, 1)) days.push(day);
  return { from, until: addDays(last, 1), days, timeZone };
}
