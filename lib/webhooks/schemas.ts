// What the event log accepts: its filters (from the query string) and the replay of failed events (a form).
import { z } from "zod";

export const WEBHOOK_EVENT_STATES = ["pending", "processed", "ignored", "failed"] as const;

/** `<input type="datetime-local">` sends minutes without a zone; the event log speaks UTC. */
const utcMinute = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, "must be a date and time, e.g. 2026-01-31T09:30")
  .transform((value) => new Date(`${value}Z`));

const optional = <S extends z.ZodType>(schema: S) =>
  z.preprocess((value) => (value === "" || value === null ? undefined : value), schema.optional());

export const eventLogFilterSchema = z
  .object({
    type: optional(z.string().max(100)),
    state: optional(z.enum(WEBHOOK_EVENT_STATES, { error: "must be pending, processed, ignored or failed" })),
    from: optional(utcMinute),
    to: optional(utcMinute),
    /** Where the previous page ended (opaque to the page). */
    after: optional(z.string().regex(/^\d{13}\.\d+$/, "is not a page of this log")),
  })
  .refine((filter) => !filter.from || !filter.to || filter.from < filter.to, { path: ["to"], message: "must be after from" });

export type EventLogFilter = z.infer<typeof eventLogFilterSchema>;

export const replayFailedSchema = z
  .object({ from: utcMinute, to: utcMinute })
  .refine((range) => range.from < range.to, { path: ["to"], message: "must be after from" });

/** The event log page's replays: one event, or the failed ones in a range, of the connection the page shows. */
export const replayEventSchema = z.object({ connectionId: z.string(), eventId: z.string() });
export const replayFailedFormSchema = replayFailedSchema.safeExtend({ connectionId: z.string() });
