import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentSession } from "@/lib/auth/current-session";
import { CreateOrganizationForm } from "./CreateOrganizationForm";

export const metadata: Metadata = { title: "Welcome" };

/** Where someone lands who belongs to no organization (their last membership was removed). */
export default async function WelcomePage() {
  const session = await getCurrentSession();
  if (!session) redirect("/sign-in");
  if (session.activeOrganizationId) redirect("/inbox");
  return (
    <div className="card" style={{ maxWidth: 520 }}>
      <h1>You&apos;re not in an organization</h1>
      <p>Ask an owner or admin for an invite link, or start a new organization of your own.</p>
      <CreateOrganizationForm />
    </div>
  );
}
