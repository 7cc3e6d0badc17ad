"use server";

import { formInput } from "@/lib/actions/action";
import { memberAction, nothing } from "@/lib/actions/member-action";
import { newOrganizationSchema, startOrganization } from "@/lib/organizations/sign-up";

export const createOrganizationAction = memberAction(newOrganizationSchema, "signed-in", startOrganization, {
  input: formInput(),
  returns: nothing,
  redirect: () => "/inbox",
});
