"use client";

import { useTransition } from "react";
import { revokeInviteAction } from "./actions";

export function PendingInvite(props: { id: string; role: string; createdBy: string; expiresAt: string }) {
  const [pending, start] = useTransition();
  return (
    <tr>
      <td>{props.role}</td>
      <td>{props.createdBy}</td>
      <td>
        <time dateTime={props.expiresAt}>{new Date(props.expiresAt).toLocaleString()}</time>
      </td>
      <td>
        <button
          type="button"
          className="button danger small"
          disabled={pending}
          onClick={() => start(async () => void (await revokeInviteAction(props.id)))}
        >
          Withdraw
        </button>
      </td>
    </tr>
  );
}
