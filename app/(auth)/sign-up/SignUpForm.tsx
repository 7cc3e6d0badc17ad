"use client";

import { Field } from "@/app/_components/Field";
import { NewAccountForm } from "../_components/NewAccountForm";
import { signUpAction } from "./actions";

export function SignUpForm() {
  return (
    <NewAccountForm create={(form) => signUpAction(null, form)} submitLabel="Create account" redirectTo="/inbox">
      {(errors) => (
        <Field label="Organization name" name="organizationName" required errors={errors.organizationName} />
      )}
    </NewAccountForm>
  );
}
