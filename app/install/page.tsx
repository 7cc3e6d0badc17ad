import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/app/(auth)/_components/AuthCard";
import { roleAtLeast } from "@/lib/auth/actor";
import { getCurrentSession } from "@/lib/auth/current-session";
import { signInPath } from "@/lib/auth/return-path";
import { INSTALL_COOKIE, pendingInstallation } from "@/lib/connections";
import { ClaimInstallation } from "./ClaimInstallation";

export const metadata: Metadata = { title: "Finish installing" };

/** An install begun in Zendesk waits here (in this browser, for an hour) for an owner or admin to choose its organization. */
export default async function InstallPage({ searchParams }: PageProps<"/install">) {
  const { notice } = await searchParams;
  const session = await getCurrentSession();
  if (!session) redirect(signInPath("/install"));
  const installation = await pendingInstallation((await cookies()).get(INSTALL_COOKIE)?.value);
  if (!installation) {
    return (
      <AuthCard title="No installation waiting">
        <p role="alert">
          {notice === "failed"
            ? "Zendesk's answer could not be verified, so nothing was installed. Install again from Zendesk."
            : "No installation from Zendesk is waiting in this browser: it was claimed, or its hour ran out. Install again from Zendesk."}
        </p>
        <Link href="/connections">Go to Connections</Link>
      </AuthCard>
    );
  }
  const organizations = session.memberships
    .filter((membership) => roleAtLeast(membership.role, "admin"))
    .map((membership) => ({ id: membership.organizationId, name: membership.organizationName }));
  return (
    <AuthCard title={`Finish installing ${installation.appName}`}>
      <p>
        Zendesk installed Sunbridge on <strong>{installation.appName}</strong>
        {installation.subdomain ? ` (${installation.subdomain}.zendesk.com)` : ""}. Choose the organization it belongs to. It waits in this
        browser until {installation.expiresAt.toUTCString()}; after that it is removed from Zendesk.
      </p>
      {organizations.length === 0 ? (
        <p role="alert">
          You are not an owner or admin of any organization. <Link href="/welcome">Create one</Link>, then come back to this page.
        </p>
      ) : (
        <ClaimInstallation appName={installation.appName} organizations={organizations} />
      )}
    </AuthCard>
  );
}
