"use server";

import { formInput } from "@/lib/actions/action";
import { memberAction } from "@/lib/actions/member-action";
import { signUp, signUpSchema } from "@/lib/organizations/sign-up";

export const signUpAction = memberAction(signUpSchema, "public", (request, input) => signUp(input, request), {
  input: formInput(),
  returns: ({ user }) => ({ email: user.email }),
});
