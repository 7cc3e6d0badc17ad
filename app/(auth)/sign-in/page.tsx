import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentSession } from "@/lib/auth/current-session";
import { AuthCard } from "../_components/AuthCard";
import { SignInForm } from "./SignInForm";

export const metadata: Metadata = { title: "Sign in" };

/** Only same-site paths are followed after sign-in, never another origin. */
function safeReturnPath(value: string | string[] | undefined) {
  const path = Array.isArray(value) ? value[0] : value;
  if (!path) return "/inbox";
  try {
    const url = new URL(path, "http://sunbridge.invalid");
    return url.origin === "http://sunbridge.invalid" ? `${url.pathname}${url.search}` : "/inbox";
  } catch {
    return "/inbox";
  }
}

export default async function SignInPage({ searchParams }: PageProps<"/sign-in">) {
  const params = await searchParams;
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
