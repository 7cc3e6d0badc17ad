"use server";

import { formFields, runAction, type ActionResult } from "@/lib/actions/action";
import { signUp } from "@/lib/organizations/sign-up";

export async function signUpAction(form: FormData): Promise<ActionResult<{ email: string }>> {
  return runAction(async () => {
    const { user } = await signUp(formFields(form));
    return { email: user.email };
  });
}
