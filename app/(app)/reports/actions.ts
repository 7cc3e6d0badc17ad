"use server";

import { z } from "zod";
import { formInput } from "@/lib/actions/action";
import { memberAction, nothing } from "@/lib/actions/member-action";
import { setOrganizationTimeZone } from "@/lib/organizations/settings";
import { timeZoneSchema } from "@/lib/reports";

const schema = z.object({ timeZone: timeZoneSchema });

export const setReportTimeZoneAction = memberAction(schema, "admin", (ctx, { timeZone }) => setOrganizationTimeZone(ctx, timeZone), {
  input: formInput(),
  revalidate: "/reports",
  returns: nothing,
  message: "Saved.",
});
