import type { Metadata } from "next";
import { memberForPage } from "@/lib/auth/require-member";
import { organizationSettings } from "@/lib/organizations/settings";
import { SatisfactionForm } from "./SatisfactionForm";

export const metadata: Metadata = { title: "Satisfaction survey" };

export default async function SatisfactionPage() {
  const member = await memberForPage("admin", "/settings/satisfaction");
  const settings = await organizationSettings(member);
  return (
    <div className="stack">
      <header className="page-header">
        <h1>Satisfaction survey</h1>
        <p>
          When on, resolving a conversation sends the end user a form asking for a rating from 1 to 5 and a comment. Their answer shows in
          the conversation and in reports. Channels without forms show SunCo&apos;s text fallback.
        </p>
      </header>
      <section className="card" aria-label="Survey">
        <SatisfactionForm enabled={settings.satisfactionSurvey} />
      </section>
    </div>
  );
}
