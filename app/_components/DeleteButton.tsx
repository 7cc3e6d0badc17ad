"use client";
// A Delete button for one record: asks first (nothing brings the record back), runs the action, shows its refusal.
import type { ActionResult } from "@/lib/actions/action";
import { ActionButton } from "./ActionButton";

interface Props {
  /** What is deleted, for the button's accessible name. */
  name: string;
  /** The question asked before deleting. */
  confirm: string;
  action: () => Promise<ActionResult>;
}

export function DeleteButton({ name, confirm, action }: Props) {
  return <ActionButton label="Delete" ariaLabel={`Delete ${name}`} question={confirm} action={action} />;
}
