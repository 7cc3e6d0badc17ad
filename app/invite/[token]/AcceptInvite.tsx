"use client";

import Link from "next/link";
import { useActionState } from "react";
import { NewAccountForm } from "@/app/(auth)/_components/NewAccountForm";
import type { ActionResult } from "@/lib/actions/action";
import { createAccountFromInviteAction, joinWithInviteAction } from "./actions";

interface Props {
  token: string;
  signedInAs: string | null;
  alreadyMember: boolean;
  signInHref: string;
}

export function AcceptInvite({ token, signedInAs, alreadyMember, signInHref }: Props) {
  const [state, join, pending] = useActionState<ActionResult | null>(() => joinWithInviteAction(token), null);

  if (signedInAs && alreadyMember) {
    return (
      <p>
        You ({signedInAs}) are already a member. <Link href="/inbox">Open Sunbridge</Link>
      </p>
    );
  }
  if (signedInAs) {
    return (
      <form action={join}>
        {state && !state.ok && (
          <div className="alert error" role="alert">
            {state.error}
          </div>
        )}
        <p className="muted">You are signed in as {signedInAs}.</p>
        <button className="button" type="submit" disabled={pending}>
          {pending ? "Joining…" : "Accept and join"}
        </button>
      </form>
    );
  }
  return (
    <>
      <NewAccountForm
        create={(form) => createAccountFromInviteAction(token, null, form)}
        submitLabel="Create account and join"
        redirectTo="/inbox"
      />
      <p className="muted" style={{ marginTop: "1rem" }}>
        Already have an account? <Link href={signInHref}>Sign in to accept</Link>
      </p>
    </>
  );
}
