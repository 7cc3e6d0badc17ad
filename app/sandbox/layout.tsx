import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { SandboxBanner } from "@/app/_components/SandboxBanner";
import { requireSandboxAccess } from "./_components/require-sandbox-access";
import styles from "./_components/sandbox.module.css";

export const metadata: Metadata = { title: { default: "SunCo sandbox", template: "%s · SunCo sandbox" } };

export default async function SandboxLayout({ children }: { children: ReactNode }) {
  await requireSandboxAccess();
  return (
    <div className={styles.shell}>
      <header className={styles.header}>
        <strong>SunCo sandbox</strong>
        <nav aria-label="Sandbox">
          <Link href="/sandbox/simulator">End-user simulator</Link>
          <Link href="/sandbox/deliveries">Webhook deliveries</Link>
          <Link href="/sandbox/agent-workspace">Agent Workspace</Link>
        </nav>
      </header>
      <main className={styles.main}>
        <SandboxBanner />
        {children}
      </main>
    </div>
  );
}
