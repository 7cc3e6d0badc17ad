import type { ReactNode } from "react";
import { SandboxBanner } from "@/app/_components/SandboxBanner";

interface Props {
  title: string;
  children: ReactNode;
  /** A partner's logo above the title (a data: URL), on the pages it sends its customers to. */
  logo?: { src: string; alt: string } | null;
}

export function AuthCard({ title, children, logo }: Props) {
  return (
    <main className="auth-page">
      <div className="auth-card">
        <SandboxBanner />
        <div className="brand" style={{ marginBottom: "1.25rem" }}>
          <span className="brand-mark" aria-hidden="true" /> Sunbridge
        </div>
        <div className="card">
          {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL the image optimizer has nothing to do for */}
          {logo && <img src={logo.src} alt={logo.alt} className="auth-logo" />}
          <h1>{title}</h1>
          {children}
        </div>
      </div>
    </main>
  );
}
