import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { SandboxBanner } from "@/app/_components/SandboxBanner";
import { env } from "@/lib/env";
import styles from "./_components/sandbox.module.css";

export const metadata: Metadata = { title: { default: "SunCo sandbox", template: "%s · SunCo sandbox" } };

export default function SandboxLayout({ children }: { children: ReactNode }) {
  if (!env().sunco.sandbox) notFound();
  return (
    <div className={styles.shell}>
      <header className={styles.header}>
        <strong>SunCo sandbox</strong>
        <nav aria-label="Sandbox">
          <Link href="/sandbox/simulator">End-user simulator</Link>
          <Link href="/sandbox/deliveries">Webhook deliveries</Link>
        </nav>
      </header>
      <main className={styles.main}>
        <SandboxBanner />
        {children}
      </main>
    </div>
  );
}
