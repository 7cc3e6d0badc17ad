import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentSession } from "@/lib/auth/current-session";
import { AuthCard } from "../_components/AuthCard";
import { SignUpForm } from "./SignUpForm";

export const metadata: Metadata = { title: "Create your account" };

export default async function SignUpPage() {
  if (await getCurrentSession()) redirect("/inbox");
  return (
    <AuthCard title="Create your account">
      <p className="muted">You&apos;ll be the owner of a new organization and can invite your team next.</p>
      <SignUpForm />
      <p className="muted" style={{ marginTop: "1rem" }}>
        Already have an account? <Link href="/sign-in">Sign in</Link>
      </p>
    </AuthCard>
  );
}
