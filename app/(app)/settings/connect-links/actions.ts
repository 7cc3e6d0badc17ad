"use server";

import { formInput } from "@/lib/actions/action";
import { memberAction, nothing } from "@/lib/actions/member-action";
import { returnOriginsSchema, setConnectReturnOrigins } from "@/lib/connections";

export const setReturnOriginsAction = memberAction(returnOriginsSchema, "admin", setConnectReturnOrigins, {
  input: formInput(),
  revalidate: "/settings/connect-links",
  returns: nothing,
  message: "Saved.",
});
