import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { getCurrentSession } from "@/lib/auth/current-session";
import { roleAtLeast } from "@/lib/auth/require-member";
import { seesReports } from "@/lib/reports";
import { SandboxBanner } from "@/app/_components/SandboxBanner";
import { Sidebar } from "./_components/Sidebar";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const session = await getCurrentSession();
  if (!session) redirect("/sign-in");
  const active = session.memberships.find((m) => m.organizationId === session.activeOrganizationId);
  // Owners, admins and team leads see reports.
  const reports = active ? await seesReports({ organization: { id: active.organizationId }, actor: { id: session.user.id }, role: active.role }) : false;
  return (
    <div className="shell">
      <Sidebar
        user={session.user}
        organizations={session.memberships.map((m) => ({ id: m.organizationId, name: m.organizationName }))}
        activeOrganizationId={active?.organizationId ?? null}
        isAdmin={active ? roleAtLeast(active.role, "admin") : false}
        seesReports={reports}
      />
      <main className="main" id="main">
        <SandboxBanner />
        {children}
      </main>
    </div>
  );
}
