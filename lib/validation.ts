// zod parsing that fails with InvalidInputError, field by field, in words a form can show.
import { z } from "zod";
import { InvalidInputError, type FieldErrors } from "@/lib/errors";

export function parseInput<S extends z.ZodType>(schema: S, input: unknown, fieldForRoot = "form"): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.length > 0 ? issue.path.join(".") : fieldForRoot;
    (fieldErrors[field] ??= []).push(issue.message);
  }
  throw new InvalidInputError("Some fields need attention.", fieldErrors);
}

/** An HTML checkbox: present ("on") when ticked, absent otherwise; booleans pass as they are. */
export const checkboxSchema = z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean());

/** An optional text field: blank means not given. */
export const optionalTextSchema = <S extends z.ZodType>(schema: S) =>
  z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), schema.optional());
