import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Sunbridge", template: "%s · Sunbridge" },
  description: "Connect Zendesk Sunshine Conversations apps and answer their conversations.",
  icons: { icon: "/favicon.svg" },
};

/** On phones the on-screen keyboard shrinks the layout (Chrome), so a page filling the viewport keeps its composer above it. */
export const viewport: Viewport = { width: "device-width", initialScale: 1, interactiveWidget: "resizes-content" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request, never at build time: only then does Next.js find the nonce of proxy.ts's
  // Content-Security-Policy and put it on its scripts (a prerendered page's scripts would all be blocked).
  await connection();
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
