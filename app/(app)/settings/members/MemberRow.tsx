"use client";

import { useState, useTransition } from "react";
import { changeRoleAction, removeMemberAction } from "./actions";

interface Props {
  membershipId: string;
  name: string;
  email: string;
  role: "owner" | "admin" | "agent";
  isSelf: boolean;
  viewerRole: "owner" | "admin" | "agent";
}

export function MemberRow({ membershipId, name, email, role, isSelf, viewerRole }: Props) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const canManage = viewerRole === "owner" || role !== "owner";
  const run = (work: () => Promise<{ ok: boolean; error?: string }>) =>
    start(async () => {
      const result = await work();
      setError(result.ok ? null : (result.error ?? null));
    });

  return (
    <tr>
      <td>
        {name} {isSelf && <span className="badge">you</span>}
      </td>
      <td>{email}</td>
      <td>
        <label className="visually-hidden" htmlFor={`role-${membershipId}`}>
          Role of {name}
        </label>
        <select
          id={`role-${membershipId}`}
          defaultValue={role}
          disabled={!canManage || pending}
          style={{ width: "auto" }}
          onChange={(event) => {
            const next = event.currentTarget.value;
            run(() => changeRoleAction(membershipId, next));
          }}
        >
          <option value="agent">Agent</option>
          <option value="admin">Admin</option>
          {(viewerRole === "owner" || role === "owner") && <option value="owner">Owner</option>}
        </select>
        {error && (
          <div className="error" role="alert" style={{ color: "var(--danger)" }}>
            {error}
          </div>
        )}
      </td>
      <td>
        {canManage && !isSelf && (
          <button
            type="button"
            className="button danger small"
            disabled={pending}
            onClick={() => run(() => removeMemberAction(membershipId))}
          >
            Remove
          </button>
        )}
      </td>
    </tr>
  );
}
