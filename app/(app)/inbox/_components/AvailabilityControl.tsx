"use client";
// The agent's availability in the inbox header (online, away, offline), which auto-assignment goes by; and, while the
// agent uses the page, a note to the server at most once a minute, so that an idle agent stops receiving new
// conversations (AGENT_IDLE_MINUTES) and a returning one starts again.
import { useEffect, useState, useTransition } from "react";
import type { AvailabilityStatus } from "@/lib/teams";
import { reportActivityAction, setAvailabilityAction } from "../actions";

const ACTIVITY_REPORT_MS = 60_000;
const LABELS: Record<AvailabilityStatus, string> = { online: "Online", away: "Away", offline: "Offline" };

export function AvailabilityControl({ initial }: { initial: AvailabilityStatus }) {
  const [status, setStatus] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  useEffect(() => {
    let last = Date.now();
    const used = () => {
      if (Date.now() - last < ACTIVITY_REPORT_MS) return;
      last = Date.now();
      void reportActivityAction(undefined);
    };
    window.addEventListener("keydown", used);
    window.addEventListener("pointerdown", used);
    return () => {
      window.removeEventListener("keydown", used);
      window.removeEventListener("pointerdown", used);
    };
  }, []);

  return (
    <span className="row" style={{ gap: "0.25rem", flexWrap: "nowrap" }}>
      <label className="visually-hidden" htmlFor="availability">
        Your availability
      </label>
      <select
        id="availability"
        value={status}
        disabled={pending}
        style={{ width: "auto", fontSize: "0.8rem", padding: "0.15rem 0.3rem" }}
        onChange={(event) => {
          const next = event.currentTarget.value as AvailabilityStatus;
          const previous = status;
          setStatus(next);
          start(async () => {
            const result = await setAvailabilityAction(next);
            if (!result.ok) setStatus(previous);
            setError(result.ok ? null : result.error);
          });
        }}
      >
        {(Object.keys(LABELS) as AvailabilityStatus[]).map((value) => (
          <option key={value} value={value}>
            {LABELS[value]}
          </option>
        ))}
      </select>
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
