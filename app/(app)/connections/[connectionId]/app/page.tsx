import type { Metadata } from "next";
import { runAction } from "@/lib/actions/action";
import { memberForPage } from "@/lib/auth/require-member";
import { getAppDetails } from "@/lib/integrations";
import { CapabilityNotice } from "../_components/CapabilityNotice";
import { Outcome } from "../_components/Outcome";
import { AppSettingsForm } from "./_components/AppSettingsForm";

export const metadata: Metadata = { title: "App" };

export default async function AppPage({ params }: PageProps<"/connections/[connectionId]/app">) {
  const { connectionId } = await params;
  const member = await memberForPage("admin", `/connections/${connectionId}/app`);
  const loaded = await runAction(() => getAppDetails(member, { connectionId }));
  return (
    <section className="card" aria-labelledby="app-heading">
      <h2 id="app-heading">App</h2>
      <Outcome result={loaded} />
      {loaded.ok && (
        <>
          <dl className="details">
            <dt>App id</dt>
            <dd>
              <code>{loaded.data.id}</code>
            </dd>
            <dt>Zendesk subdomain</dt>
            <dd>{loaded.data.subdomain ?? "—"}</dd>
            {loaded.data.metadata && (
              <>
                <dt>Metadata</dt>
                <dd>
                  <pre>{JSON.stringify(loaded.data.metadata, null, 2)}</pre>
                </dd>
              </>
            )}
          </dl>
          <CapabilityNotice check={loaded.data.editable} />
          <AppSettingsForm
            connectionId={connectionId}
            app={loaded.data}
            disabledReason={loaded.data.editable.allowed ? null : "Read-only for this connection's credentials."}
          />
        </>
      )}
    </section>
  );
}
