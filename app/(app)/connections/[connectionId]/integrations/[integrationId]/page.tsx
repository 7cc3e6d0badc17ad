import type { Metadata } from "next";
import Link from "next/link";
import { TableHead } from "@/app/_components/TableHead";
import { runAction } from "@/lib/actions/action";
import { memberForPage } from "@/lib/auth/require-member";
import { capabilityOf, getConnection } from "@/lib/connections";
import { getIntegration, integrationRefSchema, listIntegrationKeys, MAX_KEYS_PER_INTEGRATION } from "@/lib/integrations";
import { parseInput } from "@/lib/validation";
import { ActionForm } from "../../_components/ActionForm";
import { CapabilityNotice } from "../../_components/CapabilityNotice";
import { Outcome } from "../../_components/Outcome";
import { deleteIntegrationKeyAction } from "./actions";
import { CreateKeyForm } from "./_components/CreateKeyForm";

export const metadata: Metadata = { title: "Integration" };

export default async function IntegrationPage({ params }: PageProps<"/connections/[connectionId]/integrations/[integrationId]">) {
  const { connectionId, integrationId } = await params;
  const member = await memberForPage("admin", `/connections/${connectionId}/integrations/${integrationId}`);
  const connection = await getConnection(member, connectionId);
  const capability = capabilityOf(connection, "integrationKeys");
  const integration = await runAction(async () => getIntegration(member, parseInput(integrationRefSchema, { connectionId, integrationId })));
  // Only custom integrations have API keys: a channel integration page asks SunCo for none.
  const keys = capability.allowed && integration.ok && integration.data.type === "custom" ? await runAction(() => listIntegrationKeys(member, { connectionId, integrationId })) : null;
  const name = integration.ok ? (integration.data.displayName ?? integration.data.id) : integrationId;
  const full = keys?.ok && keys.data.length >= MAX_KEYS_PER_INTEGRATION;
  return (
    <>
      <p>
        <Link href={`/connections/${connectionId}/integrations`}>← Integrations</Link>
      </p>
      <section className="card" aria-labelledby="integration-heading">
        <h2 id="integration-heading">{name}</h2>
        <Outcome result={integration} />
        {integration.ok && (
          <>
            <p className="muted">
              <code>{integration.data.type}</code> integration <code>{integration.data.id}</code>
              {integration.data.managedBySunbridge && " · Sunbridge receives this app's events through it."}
            </p>
            <p>
              <Link href={`/connections/${connectionId}/webhooks`}>Its webhooks →</Link>
            </p>
          </>
        )}
      </section>
      {integration.ok && integration.data.type === "custom" && (
        <section className="card" aria-labelledby="keys-heading">
          <h2 id="keys-heading">API keys</h2>
          <p className="muted">
            Keys let the integration call SunCo as itself. SunCo allows {MAX_KEYS_PER_INTEGRATION} per integration; a secret is shown
            only when its key is created.
          </p>
          <CapabilityNotice check={capability} />
          {keys && !keys.ok && <Outcome result={keys} />}
          {keys?.ok &&
            (keys.data.length === 0 ? (
              <p className="muted">No API keys.</p>
            ) : (
              <table className="table">
                <TableHead columns={["Name", "Key id", "Secret"]} />
                <tbody>
                  {keys.data.map((key) => (
                    <tr key={key.id} data-key-id={key.id}>
                      <td>{key.displayName ?? "—"}</td>
                      <td>
                        <code>{key.id}</code>
                      </td>
                      <td>
                        <code aria-label="masked secret">{key.maskedSecret}</code>
                      </td>
                      <td>
                        <ActionForm
                          action={deleteIntegrationKeyAction}
                          hidden={{ connectionId, integrationId, keyId: key.id }}
                          inline
                          tone="danger"
                          label={`Delete key ${key.id}`}
                          submitLabel="Delete"
                          confirm={`Delete the API key ${key.displayName ?? key.id}? Whatever uses it stops working at once.`}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ))}
          {capability.allowed && (
            <CreateKeyForm
              connectionId={connectionId}
              integrationId={integrationId}
              disabledReason={full ? `This integration already has the ${MAX_KEYS_PER_INTEGRATION} keys SunCo allows.` : null}
            />
          )}
        </section>
      )}
    </>
  );
}
