"use client";
// "New conversation": an agent writes first. A dialog (full width on a phone) to choose the connection, the end user
// (found by email or external id, or created with these details), where to reach them (the channels SunCo already has
// for them, or a phone number or email address to link), and the first message (text or a template). Opens the
// conversation once it has started.
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { Field } from "@/app/_components/Field";
import type { MessageTemplate } from "@/lib/inbox/template-schemas";
import type { TemplateMessage } from "@/lib/outbox/schemas";
import type { ChannelIntegration } from "@/lib/outreach";
import { listChannelIntegrationsAction, startConversationAction } from "../actions";
import styles from "./inbox.module.css";
import { TemplateFields } from "./TemplateFields";

interface Props {
  connections: { id: string; name: string }[];
  templates: MessageTemplate[];
}

const CHANNELS = [
  ["conversation", "Where SunCo already reaches them"],
  ["whatsapp", "WhatsApp (phone number)"],
  ["twilio", "SMS through Twilio (phone number)"],
  ["messagebird", "SMS through MessageBird (phone number)"],
  ["mailgun", "Email through Mailgun (address)"],
] as const;

type ChannelType = (typeof CHANNELS)[number][0];

const value = (form: FormData, name: string) => String(form.get(name) ?? "").trim();

export function NewConversation({ connections, templates }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  const [connectionId, setConnectionId] = useState(connections[0]?.id ?? "");
  const [channel, setChannel] = useState<ChannelType>("conversation");
  // The channel integrations as listed for a connection; another connection's are not this one's.
  const [listed, setListed] = useState<{ connectionId: string; items: ChannelIntegration[] } | null>(null);
  const integrations = listed?.connectionId === connectionId ? listed.items : null;
  const [kind, setKind] = useState<"text" | "template">("text");
  const [template, setTemplate] = useState<TemplateMessage | null>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const messageId = useRef<string>("");

  const linking = channel !== "conversation";
  useEffect(() => {
    if (!linking || !connectionId) return;
    let current = true;
    void listChannelIntegrationsAction(connectionId).then((result) => current && setListed({ connectionId, items: result.ok ? result.data : [] }));
    return () => {
      current = false;
    };
  }, [linking, connectionId]);

  const open = () => {
    messageId.current = crypto.randomUUID();
    setErrors({});
    setProblem(null);
    dialog.current?.showModal();
  };
  const onTemplate = useCallback((message: TemplateMessage | null) => setTemplate(message), []);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const target = channel === "mailgun" ? { address: value(form, "target") } : { phoneNumber: value(form, "target") };
    const input = {
      clientMessageId: messageId.current,
      connectionId,
      user: { email: value(form, "email"), externalId: value(form, "externalId"), givenName: value(form, "givenName"), surname: value(form, "surname") },
      channel: linking ? { type: channel, ...target, integrationId: value(form, "integrationId") } : { type: "conversation" as const },
      message: kind === "template" && template ? { template } : { text: value(form, "text") },
    };
    setBusy(true);
    const result = await startConversationAction(input as Parameters<typeof startConversationAction>[0]);
    setBusy(false);
    if (!result.ok) {
      setErrors(result.fieldErrors ?? {});
      setProblem(result.error);
      return;
    }
    dialog.current?.close();
    router.push(`/inbox/${result.data.conversationId}`);
  };

  const own = (name: string) => errors[name];
  const choices = integrations?.filter((integration) => integration.type === channel) ?? [];
  return (
    <>
      <button type="button" className={`button small ${styles.newConversation}`} onClick={open} disabled={connections.length === 0}>
        New conversation
      </button>
      <dialog ref={dialog} className={`${styles.dialog} ${styles.wideDialog}`} aria-labelledby="new-conversation-title">
        <form onSubmit={(event) => void submit(event)} noValidate>
          <h2 id="new-conversation-title">New conversation</h2>
          {problem && (
            <div className="alert error" role="alert">
              {problem}
            </div>
          )}
          <div className="field">
            <label htmlFor="new-connection">Connection</label>
            <select id="new-connection" value={connectionId} onChange={(event) => setConnectionId(event.target.value)}>
              {connections.map((connection) => (
                <option key={connection.id} value={connection.id}>
                  {connection.name}
                </option>
              ))}
            </select>
          </div>
          <fieldset className={styles.dialogFieldset}>
            <legend>End user: found by email or external id, or created</legend>
            <Field id="new-email" label="Email" name="email" type="email" autoComplete="off" errors={own("user.email")} />
            <Field id="new-external-id" label="External id" name="externalId" autoComplete="off" errors={own("user.externalId")} hint="Your system's id for them, if SunCo knows it." />
            <Field id="new-given-name" label="Given name" name="givenName" autoComplete="off" errors={own("user.givenName")} />
            <Field id="new-surname" label="Surname" name="surname" autoComplete="off" errors={own("user.surname")} />
          </fieldset>
          <div className="field">
            <label htmlFor="new-channel">Reach them</label>
            <select id="new-channel" value={channel} onChange={(event) => setChannel(event.target.value as ChannelType)}>
              {CHANNELS.map(([type, label]) => (
                <option key={type} value={type}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          {linking && (
            <>
              <Field
                id="new-target"
                label={channel === "mailgun" ? "Email address to link" : "Phone number"}
                name="target"
                type={channel === "mailgun" ? "email" : "tel"}
                placeholder={channel === "mailgun" ? "name@example.com" : "+1 212 555 2368"}
                errors={own(channel === "mailgun" ? "channel.address" : "channel.phoneNumber")}
              />
              {choices.length > 1 ? (
                <div className="field">
                  <label htmlFor="new-integration">Integration</label>
                  <select id="new-integration" name="integrationId">
                    {choices.map((integration) => (
                      <option key={integration.id} value={integration.id}>
                        {integration.displayName ?? integration.id}
                      </option>
                    ))}
                  </select>
                </div>
              ) : choices.length === 1 ? (
                <input type="hidden" name="integrationId" value={choices[0]!.id} />
              ) : (
                <Field
                  id="new-integration"
                  label="Integration id"
                  name="integrationId"
                  autoComplete="off"
                  errors={own("channel.integrationId")}
                  hint={integrations === null ? "Looking for the app's channels…" : "Sunbridge cannot list this app's channels: give the integration's id (Admin Center → Channels)."}
                />
              )}
            </>
          )}
          <fieldset className={styles.dialogFieldset}>
            <legend>First message</legend>
            <div role="radiogroup" aria-label="Message kind" className={styles.kindChoice}>
              <label>
                <input type="radio" name="kind" checked={kind === "text"} onChange={() => setKind("text")} /> Text
              </label>
              <label>
                <input type="radio" name="kind" checked={kind === "template"} onChange={() => setKind("template")} /> Template
              </label>
            </div>
            {kind === "text" ? (
              <div className="field">
                <label htmlFor="new-text">Message</label>
                <textarea id="new-text" name="text" rows={3} maxLength={4096} aria-invalid={own("message.text") ? true : undefined} />
                {own("message.text") && (
                  <span className="error" role="alert">
                    {own("message.text")!.join(" ")}
                  </span>
                )}
              </div>
            ) : (
              <TemplateFields templates={templates} idPrefix="new" onChange={onTemplate} />
            )}
          </fieldset>
          <div className={styles.dialogActions}>
            <button type="button" className="button secondary small" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
            <button type="submit" className="button small" disabled={busy || (kind === "template" && !template)}>
              {busy ? "Starting…" : "Start conversation"}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
