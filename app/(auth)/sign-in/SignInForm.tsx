"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Field } from "@/app/_components/Field";
import { useHydrated } from "@/app/_components/use-hydrated";

/** next-auth reports wrong credentials as this code; anything else is a message meant for the person. */
const WRONG_CREDENTIALS = "CredentialsSignin";

export function SignInForm({ returnTo }: { returnTo: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    if (result?.ok && !result.error) {
      router.replace(returnTo);
      router.refresh();
      return;
    }
    setPending(false);
    setError(
      !result?.error || result.error === WRONG_CREDENTIALS
        ? "That email and password don't match an account."
        : result.error,
    );
  }

  return (
    // Submitted before React hydrates, a form would go as a GET with the password in the address: until then the
    // button waits, and the form says POST should anything submit it anyway.
    <form method="post" onSubmit={submit} noValidate>
      {error && (
        <div className="alert error" role="alert">
          {error}
        </div>
      )}
      <Field label="Email" name="email" type="email" autoComplete="email" required autoFocus />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required />
      <button className="button" type="submit" disabled={pending || !hydrated} style={{ width: "100%" }}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
