import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { getCurrentSession } from "@/lib/auth/current-session";
import { membershipOf, roleAtLeast } from "@/lib/auth/require-member";
import { notificationPreferences, unreadNotifications } from "@/lib/notifications";
import { seesReports } from "@/lib/reports";
import { SandboxBanner } from "@/app/_components/SandboxBanner";
import { NotificationCenter } from "./_components/NotificationCenter";
import { Sidebar } from "./_components/Sidebar";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const session = await getCurrentSession();
  if (!session) redirect("/sign-in");
  const active = session.memberships.find((m) => m.organizationId === session.activeOrganizationId);
  const member = active ? membershipOf(session, active.organizationId, "agent") : null;
  const [reports, unread, preferences] = member
    ? // Owners, admins and team leads see reports.
      await Promise.all([seesReports(member), unreadNotifications(member), notificationPreferences(member)])
    : [false, null, null];
  const main = (
    <main className="main" id="main">
      <SandboxBanner />
      {children}
    </main>
  );
  return (
    <div className="shell">
      <Sidebar
        user={session.user}
        organizations={session.memberships.map((m) => ({ id: m.organizationId, name: m.organizationName }))}
        activeOrganizationId={active?.organizationId ?? null}
        isAdmin={active ? roleAtLeast(active.role, "admin") : false}
        seesReports={reports}
      />
      {unread && preferences ? (
        <NotificationCenter
          unread={unread.count}
          unreadConversations={[...new Set(unread.latest.map((notification) => notification.conversationId))]}
          preferences={{ browser: preferences.browser, sound: preferences.sound }}
        >
          {main}
        </NotificationCenter>
      ) : (
        main
      )}
    </div>
  );
}
