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

type FormFields = Record<string, string | string[]>;

/** What a form adapter hands the schema: the form's fields, and whatever the page bound (the schema checks both). */
export type FormInput = Record<string, unknown>;

export interface FormInputOptions {
  /** Fields sent as lists (checkbox groups, multiple selects): arrays of every value given. */
  lists?: readonly string[];
}

/** A submitted form's string fields, for zod: each field's value, or every value for `lists`. */
function fieldsOf(form: FormData, lists: readonly string[] = []): FormFields {
  const fields: FormFields = {};
  for (const [key, value] of form.entries()) if (typeof value === "string") fields[key] = value;
  for (const name of lists) fields[name] = form.getAll(name).filter((value) => typeof value === "string");
  return fields;
}

/** The input of a form action called as useActionState does: (previous state, form data). */
export function formInput(options?: FormInputOptions): (state: unknown, form: FormData) => FormInput;
/** …with a value the page bound first (`action.bind(null, id)`), given to the schema as the field `bound`. */
export function formInput(options: FormInputOptions & { bound: string }): (value: string, state: unknown, form: FormData) => FormInput;
export function formInput(options: FormInputOptions & { bound?: string } = {}) {
  return (...args: unknown[]): FormInput => {
    // A server action can be called with anything: what is not a form has no fields, and the schema says so.
    const form = args.at(-1);
    const fields = form instanceof FormData ? fieldsOf(form, options.lists) : {};
    return options.bound ? { ...fields, [options.bound]: args[0] } : fields;
  };
}
