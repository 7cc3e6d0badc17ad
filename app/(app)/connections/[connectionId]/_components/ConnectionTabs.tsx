"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const TABS = [
  { segment: "webhooks", label: "Webhooks" },
  { segment: "integrations", label: "Integrations" },
  { segment: "switchboard", label: "Switchboard" },
  { segment: "app", label: "App" },
  { segment: "events", label: "Events" },
];

export function ConnectionTabs({ connectionId }: { connectionId: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Connection settings" className="tabs">
      <ul>
        {TABS.map((tab) => {
          const href = `/connections/${connectionId}/${tab.segment}`;
          const current = pathname === href || pathname.startsWith(`${href}/`);
          return (
            <li key={tab.segment}>
              <Link href={href} aria-current={current ? "page" : undefined}>
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
