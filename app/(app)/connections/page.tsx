import type { Metadata } from "next";
import { memberForPage } from "@/lib/auth/require-member";
import { attemptFailure, connectReturnOrigins, listConnectLinks, listConnections, REJECTION_MESSAGES, type OAuthAttemptRejection } from "@/lib/connections";
import { ApiKeyConnectForm } from "./_components/ApiKeyConnectForm";
import { ConnectionCard } from "./_components/ConnectionCard";
import { ConnectLinks } from "./_components/ConnectLinks";
import { ConnectZendeskButton } from "./_components/ConnectZendeskButton";

export const metadata: Metadata = { title: "Connections" };

type Notice = { tone: "success" | "info" | "error"; text: string };

async function noticeFor(search: Record<string, string | string[] | undefined>, userId: string, apps: Map<string, string>): Promise<Notice | null> {
  const value = (key: string) => (Array.isArray(search[key]) ? search[key][0] : search[key]);
  const connected = value("connected") ?? value("reconnected");
  if (connected) {
    const verb = value("connected") ? "Connected" : "Reconnected";
    return { tone: "success", text: `${verb} ${apps.get(connected) ?? "the Zendesk app"}. Its webhook is set up and events will arrive here.` };
  }
  const failed = value("failed");
  if (failed) {
    const message = await attemptFailure(failed, userId);
    return message ? { tone: "error", text: `The connection did not complete: ${message}` } : null;
  }
  const notice = value("notice");
  if (notice === "cancelled") return { tone: "info", text: "Connection cancelled: you chose Deny in Zendesk. Nothing was stored." };
  if (notice === "forbidden") return { tone: "error", text: "Only owners and admins can connect Zendesk apps." };
  if (notice?.startsWith("rejected-")) {
    const reason = notice.slice("rejected-".length) as OAuthAttemptRejection;
    if (reason in REJECTION_MESSAGES) return { tone: "error", text: `Connection refused. ${REJECTION_MESSAGES[reason]}` };
  }
  return null;
}

export default async function ConnectionsPage({ searchParams }: PageProps<"/connections">) {
  const member = await memberForPage("admin", "/connections");
  const [connections, links, returnOrigins] = await Promise.all([listConnections(member), listConnectLinks(member), connectReturnOrigins(member)]);
  const notice = await noticeFor(await searchParams, member.actor.id, new Map(connections.map((c) => [c.id, c.appName])));
  return (
    <div className="stack">
      <header className="page-header spread">
        <div>
          <h1>Connections</h1>
          <p>Zendesk Sunshine Conversations apps connected to {member.organization.name}.</p>
        </div>
        <ConnectZendeskButton />
      </header>
      {notice && (
        <div className={`alert ${notice.tone}`} role={notice.tone === "error" ? "alert" : "status"}>
          {notice.text}
        </div>
      )}
      {connections.length === 0 ? (
        <section className="card empty-state">
          <h2>No Zendesk apps connected yet</h2>
          <p>Connect one with Zendesk&apos;s consent screen, or with an app API key below.</p>
        </section>
      ) : (
        <ul aria-label="Connected apps" style={{ listStyle: "none", padding: 0, margin: 0 }} className="stack">
          {connections.map((connection) => (
            <li key={connection.id}>
              <ConnectionCard connection={connection} />
            </li>
          ))}
        </ul>
      )}
      <details className="card">
        <summary>
          <strong>Connect with an API key instead</strong>
        </summary>
        <p className="muted" style={{ marginTop: "0.75rem" }}>
          For accounts that cannot use the OAuth integration. Sunbridge checks the key with SunCo before storing anything,
          then creates a custom integration named “Sunbridge” with one webhook.
        </p>
        <ApiKeyConnectForm />
      </details>
      <ConnectLinks links={links} returnOrigins={returnOrigins} />
    </div>
  );
}
