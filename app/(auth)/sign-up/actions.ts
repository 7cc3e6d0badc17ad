"use server";

import { headers } from "next/headers";
import { formFields, runAction, type ActionResult } from "@/lib/actions/action";
import { clientAddressOf } from "@/lib/http/client-address";
import { signUp } from "@/lib/organizations/sign-up";

export async function signUpAction(form: FormData): Promise<ActionResult<{ email: string }>> {
  return runAction(async () => {
    const { user } = await signUp(formFields(form), { clientAddress: clientAddressOf(await headers()) });
    return { email: user.email };
  });
}
