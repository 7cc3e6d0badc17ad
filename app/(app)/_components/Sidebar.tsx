"use client";

import { signOut } from "next-auth/react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { switchOrganizationAction } from "../actions";

interface Props {
  user: { name: string; email: string };
  organizations: { id: string; name: string }[];
  activeOrganizationId: string | null;
  isAdmin: boolean;
  /** Owners, admins and team leads. */
  seesReports: boolean;
}

interface NavItem {
  href: string;
  label: string;
  adminOnly?: boolean;
  reports?: boolean;
}

const WORK: NavItem[] = [
  { href: "/inbox", label: "Inbox" },
  { href: "/reports", label: "Reports", reports: true },
  { href: "/connections", label: "Connections", adminOnly: true },
];
const SETTINGS: NavItem[] = [
  { href: "/settings/members", label: "Members", adminOnly: true },
  { href: "/settings/teams", label: "Teams", adminOnly: true },
  { href: "/settings/saved-replies", label: "Saved replies", adminOnly: true },
  { href: "/settings/templates", label: "Templates", adminOnly: true },
  { href: "/settings/api-keys", label: "API keys", adminOnly: true },
  { href: "/settings/event-endpoints", label: "Event endpoints", adminOnly: true },
  { href: "/settings/connect-links", label: "Connect links", adminOnly: true },
  { href: "/settings/labels", label: "Labels", adminOnly: true },
  { href: "/settings/satisfaction", label: "Satisfaction survey", adminOnly: true },
  { href: "/settings/audit", label: "Audit log", adminOnly: true },
  { href: "/settings/notifications", label: "Notifications" },
];

export function Sidebar({ user, organizations, activeOrganizationId, isAdmin, seesReports }: Props) {
  const pathname = usePathname();
  const link = (item: NavItem) =>
    (item.adminOnly && !isAdmin) || (item.reports && !seesReports) ? null : (
      <li key={item.href}>
        <Link href={item.href} aria-current={pathname.startsWith(item.href) ? "page" : undefined}>
          {item.label}
        </Link>
      </li>
    );
  return (
    <aside className="sidebar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" /> Sunbridge
      </div>
      <nav aria-label="Main">
        <ul>{WORK.map(link)}</ul>
        <p className="nav-heading">Settings</p>
        <ul>{SETTINGS.map(link)}</ul>
      </nav>
      <div className="sidebar-footer">
        {organizations.length > 1 && (
          <form action={async (form) => void (await switchOrganizationAction(null, form))}>
            <label className="visually-hidden" htmlFor="organization-switcher">
              Organization
            </label>
            <select
              id="organization-switcher"
              name="organizationId"
              defaultValue={activeOrganizationId ?? undefined}
              onChange={(event) => event.currentTarget.form?.requestSubmit()}
            >
              {organizations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </form>
        )}
        {organizations.length === 1 && <p className="sidebar-organization">{organizations[0]!.name}</p>}
        <p className="sidebar-user" title={user.email}>
          {user.name}
        </p>
        <button type="button" className="link-button" onClick={() => signOut({ callbackUrl: "/sign-in" })}>
          Sign out
        </button>
      </div>
    </aside>
  );
}
