import type { Metadata } from "next";
import { TableHead } from "@/app/_components/TableHead";
import { runAction } from "@/lib/actions/action";
import { memberForPage } from "@/lib/auth/require-member";
import { capabilityOf, getConnection } from "@/lib/connections";
import { listWebhooks, MAX_WEBHOOKS_PER_APP } from "@/lib/integrations";
import { WEBHOOK_TRIGGERS } from "@/lib/sunco/schemas";
import { CapabilityNotice } from "../_components/CapabilityNotice";
import { Outcome } from "../_components/Outcome";
import { CreateWebhookForm } from "./_components/CreateWebhookForm";
import { WebhookRow } from "./_components/WebhookRow";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage({ params }: PageProps<"/connections/[connectionId]/webhooks">) {
  const { connectionId } = await params;
  const member = await memberForPage("admin", `/connections/${connectionId}/webhooks`);
  const connection = await getConnection(member, connectionId);
  const capability = capabilityOf(connection, "webhooks");
  const loaded = capability.allowed ? await runAction(() => listWebhooks(member, { connectionId })) : null;
  const disabledReason = capability.allowed ? null : capability.reason;
  const groups = loaded?.ok ? loaded.data.groups : [];
  const full = loaded?.ok && loaded.data.count >= MAX_WEBHOOKS_PER_APP;
  return (
    <>
      <section className="card" aria-labelledby="webhooks-heading">
        <div className="spread">
          <h2 id="webhooks-heading">Webhooks</h2>
          {loaded?.ok && (
            <span className="muted">
              {loaded.data.count} of {MAX_WEBHOOKS_PER_APP} webhooks SunCo allows per app
            </span>
          )}
        </div>
        <CapabilityNotice check={capability} />
        {connection.authType === "oauth" && capability.allowed && (
          <p className="muted">An OAuth token sees and manages only its own integration&apos;s webhooks (integrations/me).</p>
        )}
        {loaded && !loaded.ok && <Outcome result={loaded} withFieldErrors />}
        {groups.map((group) => (
          <div key={group.integrationId} className="stack" data-integration-id={group.integrationId}>
            <h3>{group.integrationName}</h3>
            {group.webhooks.length === 0 ? (
              <p className="muted">No webhooks.</p>
            ) : (
              <table className="table">
                <TableHead columns={["Target", "Triggers", "Full user", "Full source"]} />
                <tbody>
                  {group.webhooks.map((webhook) => (
                    <WebhookRow key={webhook.id} connectionId={connectionId} webhook={webhook} triggers={WEBHOOK_TRIGGERS} disabledReason={disabledReason} />
                  ))}
                </tbody>
              </table>
            )}
          </div>
        ))}
      </section>
      {loaded?.ok && (
        <section className="card" aria-labelledby="new-webhook-heading">
          <h2 id="new-webhook-heading">Add a webhook</h2>
          {connection.authType !== "oauth" && groups.length === 0 ? (
            <p className="muted">Webhooks belong to custom integrations: create one on the Integrations tab first.</p>
          ) : (
            <CreateWebhookForm
              connectionId={connectionId}
              owners={connection.authType === "oauth" ? null : groups.map((group) => ({ id: group.integrationId, name: group.integrationName }))}
              triggers={WEBHOOK_TRIGGERS}
              disabledReason={full ? `This app already has the ${MAX_WEBHOOKS_PER_APP} webhooks SunCo allows.` : null}
            />
          )}
        </section>
      )}
    </>
  );
}
