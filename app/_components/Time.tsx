"use client";
// A date or time as app/_components/time-format.ts writes it, in the reader's locale and time zone; the full form on
// hover. The server's render says UTC, and the browser's first render after hydration puts its own (no mismatch).
import { fullTime, TIME_FORMATS, utcTime, type TimeFormat } from "./time-format";
import { useHydrated } from "./use-hydrated";

export function Time({ value, format = "full" }: { value: string | Date; format?: TimeFormat }) {
  const iso = typeof value === "string" ? value : value.toISOString();
  const inBrowser = useHydrated();
  return (
    <time dateTime={iso} title={inBrowser ? fullTime(iso) : undefined}>
      {inBrowser ? TIME_FORMATS[format](iso) : utcTime(iso)}
    </time>
  );
}
