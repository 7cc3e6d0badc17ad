"use server";

import { formInput } from "@/lib/actions/action";
import { memberAction } from "@/lib/actions/member-action";
import { switchOrganization, switchOrganizationSchema } from "@/lib/organizations/members";

export const switchOrganizationAction = memberAction(switchOrganizationSchema, "signed-in", switchOrganization, { input: formInput(), revalidate: ["/", "layout"] });
