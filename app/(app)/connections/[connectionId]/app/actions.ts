"use server";

import { memberAction } from "@/lib/actions/member-action";
import { updateAppSettings, updateAppSettingsSchema } from "@/lib/integrations";
import { SETUP_FORM } from "../setup-form";

export const updateAppSettingsAction = memberAction(updateAppSettingsSchema, "admin", updateAppSettings, SETUP_FORM);
