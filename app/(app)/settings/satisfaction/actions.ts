"use server";

import { z } from "zod";
import { formInput } from "@/lib/actions/action";
import { memberAction, nothing } from "@/lib/actions/member-action";
import { setSatisfactionSurvey } from "@/lib/organizations/settings";

const schema = z.object({ enabled: z.enum(["on", "off"], { error: "must be on or off" }).transform((value) => value === "on") });

export const setSatisfactionSurveyAction = memberAction(schema, "admin", (ctx, { enabled }) => setSatisfactionSurvey(ctx, enabled), {
  input: formInput(),
  revalidate: "/settings/satisfaction",
  returns: nothing,
  message: "Saved.",
});
