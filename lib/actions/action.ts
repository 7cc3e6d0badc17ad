// Server actions return typed results instead of throwing: the one place typed errors become form state.
import { unstable_rethrow } from "next/navigation";
import { AppError, InvalidInputError, UpstreamError, type FieldErrors, type UpstreamDetail } from "@/lib/errors";
import { logger } from "@/lib/log";

export type ActionResult<T = void> =
  | { ok: true; data: T; message?: string }
  | { ok: false; error: string; fieldErrors?: FieldErrors; details?: UpstreamDetail[] };

export type ActionState<T = void> = ActionResult<T> | null;

export async function runAction<T>(work: () => Promise<T>, successMessage?: string): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await work(), message: successMessage };
  } catch (error) {
    // redirect(), notFound() and friends work by throwing; let Next.js handle them.
    unstable_rethrow(error);
    if (error instanceof InvalidInputError) return { ok: false, error: error.message, fieldErrors: error.fieldErrors };
    if (error instanceof UpstreamError && error.details.length > 0) return { ok: false, error: error.message, details: error.details };
    if (error instanceof AppError) return { ok: false, error: error.message };
    logger().error({ err: error }, "server action failed");
    return { ok: false, error: "Something went wrong on our side. Please try again." };
  }
}

/** FormData as a plain object of its string fields, for zod. */
export function formFields(form: FormData): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string") fields[key] = value;
  return fields;
}

/** Like formFields, with `lists` (checkbox groups, multiple selects) as arrays of every value given. */
export function formFieldsWithLists(form: FormData, lists: string[]): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = formFields(form);
  for (const name of lists) fields[name] = form.getAll(name).filter((value) => typeof value === "string");
  return fields;
}
