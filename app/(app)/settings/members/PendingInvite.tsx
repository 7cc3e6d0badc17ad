"use client";

import { useTransition } from "react";
import { Time } from "@/app/_components/Time";
import { revokeInviteAction } from "./actions";

export function PendingInvite(props: { id: string; role: string; createdBy: string; expiresAt: string }) {
  const [pending, start] = useTransition();
  return (
    <tr>
      <td>{props.role}</td>
      <td>{props.createdBy}</td>
      <td>
        <Time value={props.expiresAt} />
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
