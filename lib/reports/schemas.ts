// What a report is asked for (a period) and what a team's business hours are, as the pages and routes send them.
import { z } from "zod";

export const REPORT_PRESETS = [7, 30, 90] as const;
/** The longest from–to period: a year and a day, so that a leap year's whole year fits. */
export const MAX_PERIOD_DAYS = 366;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date (YYYY-MM-DD)").refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), "must be a date");

/** `?days=7|30|90`, or `?from=YYYY-MM-DD&to=YYYY-MM-DD` (both days included); the last 30 days when neither is given. */
export const reportPeriodSchema = z
  .object({
    days: z.enum(["7", "30", "90"]).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .superRefine((input, issues) => {
    if ((input.from === undefined) !== (input.to === undefined)) issues.addIssue({ code: "custom", path: ["to"], message: "give both from and to" });
    if (input.from && input.to) {
      const days = daysBetween(input.from, input.to) + 1;
      if (days < 1) issues.addIssue({ code: "custom", path: ["to"], message: "must not be before from" });
      if (days > MAX_PERIOD_DAYS) issues.addIssue({ code: "custom", path: ["to"], message: `must be within ${MAX_PERIOD_DAYS} days of from` });
    }
  });
export type ReportPeriodInput = z.infer<typeof reportPeriodSchema>;

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z.string().trim().min(1, "is required").max(64).refine(isTimeZone, "is not a time zone (e.g. Europe/Paris)");

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "must be a time (HH:MM)");

/** ISO weekdays, 1 = Monday … 7 = Sunday; a day may have several intervals (a lunch break). */
export const businessHoursSchema = z.object({
  timeZone: timeZoneSchema,
  days: z
    .array(z.object({ day: z.number().int().min(1).max(7), from: clock, to: clock }).refine((d) => d.from < d.to, { message: "must end after it starts", path: ["to"] }))
    .max(21),
});
export type BusinessHours = z.infer<typeof businessHoursSchema>;

export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

/**
 * The Settings → Teams form of one team: a time zone and, per weekday, an opening and a closing time (both empty: closed). No open
 * day at all clears the hours.
 */
export const businessHoursFormSchema = z
  .object({
    teamId: z.string().min(1).max(100),
    timeZone: timeZoneSchema,
    ...Object.fromEntries(WEEKDAYS.flatMap((_, index) => [[`from${index + 1}`, z.string().optional()], [`to${index + 1}`, z.string().optional()]])),
  })
  .transform((form, context) => {
    const fields = form as Record<string, string | undefined>;
    const days = WEEKDAYS.flatMap((_, index) => {
      const from = fields[`from${index + 1}`] || "";
      const to = fields[`to${index + 1}`] || "";
      if (!from && !to) return [];
      return [{ day: index + 1, from, to }];
    });
    const parsed = businessHoursSchema.safeParse({ timeZone: form.timeZone, days });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const day = issue.path[0] === "days" ? days[Number(issue.path[1])] : undefined;
        context.addIssue({ code: "custom", path: day ? [`${issue.path[2] === "from" ? "from" : "to"}${day.day}`] : ["timeZone"], message: issue.message });
      }
      return z.NEVER;
    }
    return { teamId: form.teamId, hours: parsed.data.days.length === 0 ? null : parsed.data };
  });
