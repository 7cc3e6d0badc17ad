import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentSession } from "@/lib/auth/current-session";
import { safeReturnPath } from "@/lib/auth/return-path";
import { AuthCard } from "../_components/AuthCard";
import { SignInForm } from "./SignInForm";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: PageProps<"/sign-in">) {
  const params = await searchParams;
  // Only a path on this site is followed after sign-in, never another origin.
  const returnTo = safeReturnPath(params.callbackUrl);
  if (await getCurrentSession()) redirect(returnTo);
  return (
    <AuthCard title="Sign in">
      <SignInForm returnTo={returnTo} />
      <p className="muted" style={{ marginTop: "1rem" }}>
        New to Sunbridge? <Link href="/sign-up">Create an account</Link>
      </p>
    </AuthCard>
  );
}
