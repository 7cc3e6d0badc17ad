// The Connections page's connect links: create one for a customer, and every recent one with its state.
import { TableHead } from "@/app/_components/TableHead";
import type { ConnectLinkView } from "@/lib/connections";
import { CreateConnectLink } from "./CreateConnectLink";
import { RevokeConnectLink } from "./RevokeConnectLink";

const when = (date: Date) => date.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";

const STATE_LABEL: Record<ConnectLinkView["state"], string> = { open: "Open", used: "Used", expired: "Expired", revoked: "Revoked" };
const METHOD_LABEL = { oauth: "OAuth", api_key: "API key" } as const;

export function ConnectLinks({ links, returnOrigins }: { links: ConnectLinkView[]; returnOrigins: string[] }) {
  return (
    <section className="card stack" aria-labelledby="connect-links-heading">
      <div>
        <h2 id="connect-links-heading">Connect links</h2>
        <p className="muted">Send one to a customer: they connect their own Zendesk, without a Sunbridge account. Each link works once.</p>
      </div>
      <details>
        <summary>
          <strong>Create a connect link</strong>
        </summary>
        <CreateConnectLink returnOrigins={returnOrigins} />
      </details>
      {links.length === 0 ? (
        <p className="empty-state">No connect links yet.</p>
      ) : (
        <div style={{ overflowX: "auto" }}>
          <table className="table" aria-label="Connect links">
            <TableHead columns={["External id", "Ways", "Created", "Expires", "State"]} />
            <tbody>
              {links.map((link) => (
                <tr key={link.id}>
                  <td>
                    {link.externalId}
                    {link.displayName && <span className="muted"> ({link.displayName})</span>}
                  </td>
                  <td>{link.methods.map((method) => METHOD_LABEL[method]).join(", ")}</td>
                  <td>
                    {when(link.createdAt)} <span className="muted">by {link.createdBy}</span>
                  </td>
                  <td>{when(link.expiresAt)}</td>
                  <td data-testid="connect-link-state">{STATE_LABEL[link.state]}</td>
                  <td>{link.state === "open" && <RevokeConnectLink id={link.id} externalId={link.externalId} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
