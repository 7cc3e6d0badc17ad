"use client";
// Switchboard control of the conversation: who holds it and who is offered it; passing or offering it to another
// integration, accepting an offer, releasing it. What the switchboard's rules refuse is disabled with the reason. The
// switchboard's webhook confirms each action; when it arrives the page reads the conversation again.
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent, type ReactNode } from "react";
import type { HandoffState, HandoffTarget } from "@/lib/inbox";
import { acceptControlAction, offerControlAction, passControlAction, releaseControlAction } from "../actions";
import styles from "./inbox.module.css";
import { useLiveEvent } from "./LiveProvider";

/** A control action's button, disabled with the rule's reason beneath it when refused. */
function ControlButton({ id, check, pending, onClick, children }: { id: string; check: HandoffState["release"]; pending: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <>
      <button
        type="button"
        className="button secondary small"
        disabled={!check.allowed || pending}
        aria-describedby={check.allowed ? undefined : `${id}-reason`}
        onClick={onClick}
      >
        {children}
      </button>
      {!check.allowed && (
        <p id={`${id}-reason`} className={styles.reason}>
          {check.reason}
        </p>
      )}
    </>
  );
}

const nameOf = (integration: HandoffState["active"]) => integration?.name ?? integration?.integrationType ?? "an integration";

export function HandoffControl({ conversationId, handoff, liveSince }: { conversationId: string; handoff: HandoffState; liveSince: string }) {
  const router = useRouter();
  const [target, setTarget] = useState("");
  const [targets, setTargets] = useState<HandoffTarget[] | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();

  useLiveEvent(
    "conversation.updated",
    ({ conversation }) => {
      if (conversation.id !== conversationId) return;
      const same = JSON.stringify([conversation.activeSwitchboardIntegration ?? null, conversation.pendingSwitchboardIntegration ?? null]) === JSON.stringify([handoff.active, handoff.pending]);
      if (!same) router.refresh();
    },
    liveSince,
  );

  const run = (work: () => Promise<{ ok: boolean; error?: string; message?: string }>) =>
    start(async () => {
      setMessage(null);
      const result = await work();
      setMessage(result.ok ? { ok: true, text: result.message ?? "Done." } : { ok: false, text: result.error ?? "That did not work." });
    });

  const loadTargets = () =>
    start(async () => {
      const response = await fetch(`/api/inbox/conversations/${conversationId}/handoff-targets`);
      const body = await response.json();
      if (!response.ok) setMessage({ ok: false, text: body.error?.message ?? "The switchboard could not be listed." });
      else setTargets(body.targets as HandoffTarget[]);
    });

  /** Pass control, or offer it when the Offer button sent the form. */
  const handOff = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const offer = (event.nativeEvent as SubmitEvent).submitter?.getAttribute("value") === "offer";
    const chosen = target.trim();
    if (chosen) run(() => (offer ? offerControlAction : passControlAction)({ conversationId, target: chosen }));
  };
  const targeting = handoff.pass.allowed || handoff.offer.allowed;

  return (
    <section aria-labelledby="handoff-heading">
      <h3 id="handoff-heading">Switchboard</h3>
      <p style={{ margin: 0 }} data-testid="switchboard-holder">
        {handoff.active ? (
          <>
            In control: <strong>{nameOf(handoff.active)}</strong>
            {handoff.inControl && " (Sunbridge)"}
          </>
        ) : (
          "No integration is in control."
        )}
      </p>
      {handoff.pending && (
        <div data-testid="switchboard-offer">
          <p className={styles.reason}>Offered to {nameOf(handoff.pending)}</p>
          <ControlButton id="handoff-accept" check={handoff.accept} pending={pending} onClick={() => run(() => acceptControlAction(conversationId))}>
            Accept the offer
          </ControlButton>
        </div>
      )}

      <form className={styles.handoffForm} onSubmit={handOff}>
        <label htmlFor="handoff-target" className="visually-hidden">
          Pass or offer control to
        </label>
        {targets ? (
          <select id="handoff-target" value={target} onChange={(e) => setTarget(e.target.value)} disabled={!targeting || pending}>
            <option value="">Choose an integration</option>
            <option value="next">The next one</option>
            {targets.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name} ({t.integrationType})
              </option>
            ))}
          </select>
        ) : (
          <input
            id="handoff-target"
            type="text"
            list="handoff-names"
            placeholder="Integration name, or next"
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            disabled={!targeting || pending}
            aria-describedby={targeting ? undefined : "handoff-pass-reason"}
          />
        )}
        <datalist id="handoff-names">
          <option value="next" />
          {[handoff.active, handoff.pending].filter(Boolean).map((integration, i) => (
            <option key={i} value={integration!.name ?? integration!.integrationType ?? ""} />
          ))}
        </datalist>
        <button type="submit" value="pass" className="button secondary small" disabled={!handoff.pass.allowed || pending || !target.trim()}>
          Pass control
        </button>
        <button type="submit" value="offer" className="button secondary small" disabled={!handoff.offer.allowed || pending || !target.trim()}>
          Offer control
        </button>
      </form>
      {!handoff.pass.allowed && (
        <p id="handoff-pass-reason" className={styles.reason}>
          {handoff.pass.reason}
        </p>
      )}
      {!targets &&
        (handoff.listTargets.allowed ? (
          <button type="button" className="link-button" onClick={loadTargets} disabled={pending}>
            List the switchboard&apos;s integrations
          </button>
        ) : (
          handoff.pass.allowed && <p className={styles.reason}>{handoff.listTargets.reason}</p>
        ))}

      <div style={{ marginTop: "0.5rem" }}>
        <ControlButton id="handoff-release" check={handoff.release} pending={pending} onClick={() => run(() => releaseControlAction(conversationId))}>
          Release control
        </ControlButton>
      </div>
      {message && (
        <p role={message.ok ? "status" : "alert"} className={message.ok ? styles.hint : styles.error}>
          {message.text}
        </p>
      )}
    </section>
  );
}
