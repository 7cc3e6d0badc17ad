import Link from "next/link";
import { notFound } from "next/navigation";
import { memberForPage } from "@/lib/auth/require-member";
import { getConnection } from "@/lib/connections";
import { NotFoundError } from "@/lib/errors";
import { ConnectionTabs } from "./_components/ConnectionTabs";

const AUTH_LABELS = { oauth: "OAuth", api_key_basic: "API key (Basic)", api_key_jwt: "API key (JWT)" } as const;

export default async function ConnectionSettingsLayout({ children, params }: LayoutProps<"/connections/[connectionId]">) {
  const { connectionId } = await params;
  const member = await memberForPage("admin", `/connections/${connectionId}`);
  const connection = await getConnection(member, connectionId).catch((error) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  return (
    <div className="stack">
      <header className="page-header">
        <p>
          <Link href="/connections">← Connections</Link>
        </p>
        <h1>{connection.appName}</h1>
        <p>
          {AUTH_LABELS[connection.authType]} · app <code>{connection.appId}</code>
          {connection.subdomain && <> · {connection.subdomain}.zendesk.com</>}
        </p>
      </header>
      {connection.state !== "active" && (
        <p className={`alert ${connection.state === "revoked" ? "info" : "warning"}`} role="status">
          {connection.stateReason ?? "This connection is not active."}
        </p>
      )}
      <ConnectionTabs connectionId={connection.id} />
      {children}
    </div>
  );
}
