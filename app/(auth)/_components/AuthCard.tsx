import type { ReactNode } from "react";
import { SandboxBanner } from "@/app/_components/SandboxBanner";

export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="auth-page">
      <div className="auth-card">
        <SandboxBanner />
        <div className="brand" style={{ marginBottom: "1.25rem" }}>
          <span className="brand-mark" aria-hidden="true" /> Sunbridge
        </div>
        <div className="card">
          <h1>{title}</h1>
          {children}
        </div>
      </div>
    </main>
  );
}
