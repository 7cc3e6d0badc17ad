import type { Metadata } from "next";
import Link from "next/link";
import { TableHead } from "@/app/_components/TableHead";
import { listApiKeys, type ApiKeyView } from "@/lib/api-keys";
import { memberForPage } from "@/lib/auth/require-member";
import { CreateApiKey } from "./CreateApiKey";
import { RevokeApiKey } from "./RevokeApiKey";

export const metadata: Metadata = { title: "API keys" };

const when = (date: Date | null, never = "never") =>
  date ? date.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC" : never;

const STATE_LABEL: Record<ApiKeyView["state"], string> = { active: "Active", expired: "Expired", revoked: "Revoked" };

export default async function ApiKeysPage() {
  const member = await memberForPage("admin", "/settings/api-keys");
  const keys = await listApiKeys(member);
  return (
    <div className="stack">
      <header className="page-header">
        <h1>API keys</h1>
        <p>
          Keys your backend calls the <Link href="/docs/api">Sunbridge API</Link> with, as <code>Authorization: Bearer &lt;key&gt;</code>. A key
          sees all of {member.organization.name}; its scopes say what it may do.
        </p>
      </header>
      <section className="card" aria-labelledby="new-key-heading">
        <h2 id="new-key-heading">Create an API key</h2>
        <CreateApiKey />
      </section>
      <section className="card" aria-labelledby="keys-heading">
        <h2 id="keys-heading">Keys</h2>
        {keys.length === 0 ? (
          <p className="empty-state">No API keys yet.</p>
        ) : (
          <div style={{ overflowX: "auto" }}>
            <table className="table">
              <TableHead columns={["Name", "Prefix", "Scopes", "Created", "Last used", "Expires", "State"]} />
              <tbody>
                {keys.map((key) => (
                  <tr key={key.id}>
                    <td>{key.name}</td>
                    <td>
                      <code>sbk_{key.prefix}_…</code>
                    </td>
                    <td>{key.scopes.join(", ")}</td>
                    <td>
                      {when(key.createdAt)}
                      {key.createdByName && <span className="muted"> by {key.createdByName}</span>}
                    </td>
                    <td>{when(key.lastUsedAt)}</td>
                    <td>{when(key.expiresAt, "—")}</td>
                    <td>{STATE_LABEL[key.state]}</td>
                    <td>{key.state === "active" && <RevokeApiKey id={key.id} name={key.name} />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
