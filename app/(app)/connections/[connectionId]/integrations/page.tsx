import type { Metadata } from "next";
import Link from "next/link";
import { TableHead } from "@/app/_components/TableHead";
import { runAction } from "@/lib/actions/action";
import { memberForPage } from "@/lib/auth/require-member";
import { capabilityOf, getConnection } from "@/lib/connections";
import { listIntegrations, listIntegrationsSchema, SUNBRIDGE_INTEGRATION_IS_MANAGED } from "@/lib/integrations";
import { INTEGRATION_TYPES, WEBHOOK_TRIGGERS } from "@/lib/sunco/schemas";
import { parseInput } from "@/lib/validation";
import { CapabilityNotice } from "../_components/CapabilityNotice";
import { Outcome } from "../_components/Outcome";
import { CreateCustomIntegrationForm } from "./_components/CreateCustomIntegrationForm";
import { IntegrationRow } from "./_components/IntegrationRow";

export const metadata: Metadata = { title: "Integrations" };

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;

export default async function IntegrationsPage({ params, searchParams }: PageProps<"/connections/[connectionId]/integrations">) {
  const { connectionId } = await params;
  const search = await searchParams;
  const type = single(search.type);
  const after = single(search.after);
  const member = await memberForPage("admin", `/connections/${connectionId}/integrations`);
  const connection = await getConnection(member, connectionId);
  const capability = capabilityOf(connection, "integrations");
  const loaded = capability.allowed
    ? await runAction(async () => listIntegrations(member, parseInput(listIntegrationsSchema, { connectionId, types: type ? [type] : [], after })))
    : null;
  const base = `/connections/${connectionId}/integrations`;
  return (
    <>
      <section className="card" aria-labelledby="integrations-heading">
        <h2 id="integrations-heading">Integrations</h2>
        <CapabilityNotice check={capability} />
        {capability.allowed && (
          <form method="get" className="row" aria-label="Filter integrations" style={{ marginBottom: "1rem" }}>
            <label htmlFor="integration-type">Type</label>
            <select id="integration-type" name="type" defaultValue={type ?? ""} style={{ width: "auto" }}>
              <option value="">Every type</option>
              {INTEGRATION_TYPES.map((each) => (
                <option key={each} value={each}>
                  {each}
                </option>
              ))}
            </select>
            <button type="submit" className="button secondary small">
              Filter
            </button>
          </form>
        )}
        {loaded && !loaded.ok && <Outcome result={loaded} withFieldErrors />}
        {loaded?.ok &&
          (loaded.data.integrations.length === 0 ? (
            <p className="muted">No integrations{type ? ` of type ${type}` : ""}.</p>
          ) : (
            <table className="table">
              <TableHead columns={["Name", "Type", "Status"]} />
              <tbody>
                {loaded.data.integrations.map((integration) => (
                  <IntegrationRow
                    key={integration.id}
                    connectionId={connectionId}
                    integration={integration}
                    undeletableBecause={integration.managedBySunbridge ? SUNBRIDGE_INTEGRATION_IS_MANAGED : null}
                  />
                ))}
              </tbody>
            </table>
          ))}
        {loaded?.ok && loaded.data.nextCursor && (
          <p style={{ marginTop: "1rem" }}>
            <Link href={`${base}?${new URLSearchParams({ ...(type && { type }), after: loaded.data.nextCursor })}`}>Next page →</Link>
          </p>
        )}
        {after && (
          <p>
            <Link href={type ? `${base}?type=${type}` : base}>← First page</Link>
          </p>
        )}
        <p className="muted">OAuth integrations (such as Sunbridge&apos;s own OAuth connection) are not listed by SunCo.</p>
      </section>
      {capability.allowed && (
        <section className="card" aria-labelledby="new-integration-heading">
          <h2 id="new-integration-heading">Create a custom integration</h2>
          <p className="muted">For a bot or a service of yours that should receive this app&apos;s events and act through SunCo&apos;s API.</p>
          <CreateCustomIntegrationForm connectionId={connectionId} triggers={WEBHOOK_TRIGGERS} />
        </section>
      )}
    </>
  );
}
