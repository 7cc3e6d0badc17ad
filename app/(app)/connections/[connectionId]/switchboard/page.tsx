import type { Metadata } from "next";
import { TableHead } from "@/app/_components/TableHead";
import { runAction } from "@/lib/actions/action";
import { memberForPage } from "@/lib/auth/require-member";
import { capabilityOf, getConnection, handoffFieldLines, MAX_HANDOFF_FIELDS } from "@/lib/connections";
import { getSwitchboard } from "@/lib/switchboards";
import { ActionForm } from "../_components/ActionForm";
import { CapabilityNotice } from "../_components/CapabilityNotice";
import { Outcome } from "../_components/Outcome";
import { createSwitchboardAction, deleteSwitchboardAction, updateSwitchboardAction } from "./actions";
import { AddSwitchboardIntegrationForm } from "./_components/AddSwitchboardIntegrationForm";
import { ChainRow } from "./_components/ChainRow";
import { ControlConversationForm } from "./_components/ControlConversationForm";
import { HandoffFieldsForm } from "./_components/HandoffFieldsForm";

export const metadata: Metadata = { title: "Switchboard" };

export default async function SwitchboardPage({ params }: PageProps<"/connections/[connectionId]/switchboard">) {
  const { connectionId } = await params;
  const member = await memberForPage("admin", `/connections/${connectionId}/switchboard`);
  const connection = await getConnection(member, connectionId);
  const capability = capabilityOf(connection, "switchboard");
  const control = capabilityOf(connection, "conversationControl");
  const loaded = capability.allowed ? await runAction(() => getSwitchboard(member, { connectionId })) : null;
  const overview = loaded?.ok ? loaded.data : null;
  const switchboard = overview?.switchboard;
  const members = overview?.chain.map((step) => ({ id: step.id, name: step.name })) ?? [];
  return (
    <>
      <section className="card" aria-labelledby="switchboard-heading">
        <div className="spread">
          <h2 id="switchboard-heading">Switchboard</h2>
          {switchboard && (
            <span className={`badge ${switchboard.enabled ? "success" : ""}`} data-testid="switchboard-state">
              {switchboard.enabled ? "Enabled" : "Disabled"}
            </span>
          )}
        </div>
        <p className="muted">
          The switchboard decides which integration is in control of each conversation; the others wait in standby. While it is
          disabled, every integration receives every event.
        </p>
        <CapabilityNotice check={capability} />
        {loaded && !loaded.ok && <Outcome result={loaded} />}
        {overview && !switchboard && (
          <ActionForm action={createSwitchboardAction} hidden={{ connectionId }} submitLabel="Create switchboard" label="Create switchboard" />
        )}
        {switchboard && (
          <div className="stack">
            <div className="row">
              <ActionForm
                action={updateSwitchboardAction}
                hidden={{ connectionId, enabled: String(!switchboard.enabled) }}
                inline
                tone={switchboard.enabled ? "secondary" : "primary"}
                label={switchboard.enabled ? "Disable the switchboard" : "Enable the switchboard"}
                submitLabel={switchboard.enabled ? "Disable switchboard" : "Enable switchboard"}
                disabledReason={!switchboard.enabled && !switchboard.defaultSwitchboardIntegrationId ? "Choose a default integration first." : null}
              />
            </div>
            {members.length > 0 && (
              <ActionForm action={updateSwitchboardAction} hidden={{ connectionId }} label="Default integration" submitLabel="Set default">
                <div className="field">
                  <label htmlFor="default-member">Default integration (takes control of new conversations)</label>
                  <select id="default-member" name="defaultSwitchboardIntegrationId" defaultValue={switchboard.defaultSwitchboardIntegrationId ?? ""} required>
                    <option value="" disabled>
                      Choose…
                    </option>
                    {members.map((each) => (
                      <option key={each.id} value={each.id}>
                        {each.name}
                      </option>
                    ))}
                  </select>
                </div>
              </ActionForm>
            )}
            {overview.chain.length === 0 ? (
              <p className="muted">No switchboard integrations yet.</p>
            ) : (
              <table className="table" aria-label="Switchboard integrations, in the order control passes">
                <TableHead columns={["Step", "Name", "Integration", "Next", "Standby events"]} />
                <tbody>
                  {overview.chain.map((step) => (
                    <ChainRow key={step.id} connectionId={connectionId} step={step} others={members.filter((each) => each.id !== step.id)} />
                  ))}
                </tbody>
              </table>
            )}
          </div>
        )}
      </section>
      {overview && switchboard && (
        <section className="card" aria-labelledby="add-member-heading">
          <h2 id="add-member-heading">Add a switchboard integration</h2>
          <AddSwitchboardIntegrationForm
            connectionId={connectionId}
            integrations={overview.integrationChoices}
            members={members}
            disabledReason={overview.full}
          />
        </section>
      )}
      <section className="card" aria-labelledby="control-heading">
        <h2 id="control-heading">Control of a conversation</h2>
        <p className="muted">Pass, offer, accept or release control of one conversation. The inbox offers the same in each conversation.</p>
        <ControlConversationForm connectionId={connectionId} targets={members.map((each) => each.name)} disabledReason={control.allowed ? null : control.reason} />
      </section>
      <section className="card" aria-labelledby="handoff-heading">
        <h2 id="handoff-heading">Handoff fields</h2>
        <p className="muted">
          Every pass or offer of control tells the integration that gets it where the conversation began (
          <code>first_message_id</code>, so a Zendesk agent sees the whole conversation), and these fields, for example a
          priority or a ticket field.
        </p>
        <HandoffFieldsForm connectionId={connectionId} lines={handoffFieldLines(connection.handoffFields)} maxFields={MAX_HANDOFF_FIELDS} />
      </section>
      {switchboard && (
        <section className="card" aria-labelledby="delete-switchboard-heading">
          <h2 id="delete-switchboard-heading">Delete the switchboard</h2>
          <ActionForm
            action={deleteSwitchboardAction}
            hidden={{ connectionId }}
            tone="danger"
            label="Delete the switchboard"
            submitLabel="Delete switchboard"
            confirm="Delete the switchboard and its switchboard integrations? Every integration then receives every event."
          />
        </section>
      )}
    </>
  );
}
