"use server";

import { formFields } from "@/lib/actions/action";
import { updateAppSettings } from "@/lib/integrations";
import { changeSetup } from "../setup-action";

export async function updateAppSettingsAction(_: unknown, form: FormData) {
  return changeSetup(async (member) => {
    const { changed } = await updateAppSettings(member, formFields(form));
    return { changed };
  });
}
