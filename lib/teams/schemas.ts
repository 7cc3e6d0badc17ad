// What the Teams settings page and the inbox's availability control send.
import { z } from "zod";

const id = (what: string) => z.string({ message: `Choose ${what}.` }).trim().min(1, `Choose ${what}.`).max(100);

export const MAX_CAPACITY = 100;

export const teamNameSchema = z.object({ name: z.string().trim().min(1, "Name the team.").max(80, "At most 80 characters.") });

export const teamIdSchema = id("a team");

export const teamMemberSchema = z.object({ teamId: id("a team"), userId: id("a member") });

export const teamConnectionSchema = z.object({ teamId: id("a team"), connectionId: id("a connection") });

/** A member's place in a team: whether they lead it, and how many open conversations it assigns them at most. */
export const teamMemberSettingsSchema = teamMemberSchema.extend({
  lead: z.boolean(),
  capacity: z.coerce
    .number({ message: "Capacity is a number." })
    .int("Capacity is a whole number.")
    .min(0, "Capacity is 0 or more.")
    .max(MAX_CAPACITY, `Capacity is at most ${MAX_CAPACITY}.`),
});

export const availabilitySchema = z.enum(["online", "away", "offline"], { message: "Choose online, away or offline." });

export type TeamMemberSettings = z.infer<typeof teamMemberSettingsSchema>;
export type AvailabilityStatus = z.infer<typeof availabilitySchema>;
