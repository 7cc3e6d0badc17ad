"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent, type ReactNode } from "react";
import { Field } from "@/app/_components/Field";
import { useHydrated } from "@/app/_components/use-hydrated";
import type { ActionResult } from "@/lib/actions/action";

interface Props {
  /** Creates the account on the server; on success we sign in with the same credentials. */
  create: (form: FormData) => Promise<ActionResult<{ email: string }>>;
  submitLabel: string;
  /** Extra fields shown after name, email and password. */
  children?: (errors: Record<string, string[] | undefined>) => ReactNode;
  redirectTo: string;
}

export function NewAccountForm({ create, submitLabel, children, redirectTo }: Props) {
  const router = useRouter();
  const [state, setState] = useState<ActionResult<{ email: string }> | null>(null);
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    const result = await create(form);
    setState(result);
    if (!result.ok) {
      setPending(false);
      return;
    }
    const signedIn = await signIn("credentials", {
      email: result.data.email,
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    router.replace(signedIn?.error ? "/sign-in" : redirectTo);
    router.refresh();
  }

  return (
    // Submitted before React hydrates, a form would go as a GET with the password in the address: until then the
    // button waits, and the form says POST should anything submit it anyway.
    <form method="post" onSubmit={submit} noValidate>
      {state && !state.ok && (
        <div className="alert error" role="alert">
          {state.error}
        </div>
      )}
      <Field label="Your name" name="name" autoComplete="name" required errors={errors.name} />
      <Field label="Email" name="email" type="email" autoComplete="email" required errors={errors.email} />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        hint="At least 10 characters."
        errors={errors.password}
      />
      {children?.(errors)}
      <button className="button" type="submit" disabled={pending || !hydrated} style={{ width: "100%" }}>
        {pending ? "Working…" : submitLabel}
      </button>
    </form>
  );
}
