"use server";

import { z } from "zod";
import { formInput } from "@/lib/actions/action";
import { memberAction, nothing } from "@/lib/actions/member-action";
import { connectLogoSchema, removeConnectLogo, returnOriginsSchema, setConnectLogo, setConnectReturnOrigins } from "@/lib/connections";

const PAGE = "/settings/connect-links";

export const setReturnOriginsAction = memberAction(returnOriginsSchema, "admin", setConnectReturnOrigins, {
  input: formInput(),
  revalidate: PAGE,
  returns: nothing,
  message: "Saved.",
});

export const setConnectLogoAction = memberAction(connectLogoSchema, "admin", setConnectLogo, {
  // The file itself: formInput() keeps a form's text fields only.
  input: (_state: unknown, form: FormData) => ({ logo: form instanceof FormData ? form.get("logo") : undefined }),
  revalidate: PAGE,
  returns: nothing,
  message: "Logo saved.",
});

export const removeConnectLogoAction = memberAction(z.object({}), "admin", removeConnectLogo, {
  input: () => ({}),
  revalidate: PAGE,
  returns: nothing,
  message: "Logo removed.",
});
