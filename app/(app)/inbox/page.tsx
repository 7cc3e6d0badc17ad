import type { Metadata } from "next";
import { memberForPage } from "@/lib/auth/require-member";

export const metadata: Metadata = { title: "Inbox" };

export default async function InboxPage() {
  const member = await memberForPage("agent", "/inbox");
  return (
    <>
      <header className="page-header">
        <h1>Inbox</h1>
        <p>{member.organization.name}</p>
      </header>
      <div className="card empty-state">
        <h2>No conversations yet</h2>
        <p>Conversations from your connected Zendesk apps will appear here.</p>
      </div>
    </>
  );
}
