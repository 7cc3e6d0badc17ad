// The satisfaction survey as a SunCo form message, and how its answer is recognised: by the field names below, which
// a formResponse repeats (SunCo copies the form's fields into the answer).
import type { Content } from "@/lib/sunco/schemas";

export const RATING_FIELD = "sunbridge_csat_rating";
export const COMMENT_FIELD = "sunbridge_csat_comment";

const RATINGS = [
  ["5", "5 – Very satisfied"],
  ["4", "4 – Satisfied"],
  ["3", "3 – Neutral"],
  ["2", "2 – Dissatisfied"],
  ["1", "1 – Very dissatisfied"],
] as const;

export const SURVEY_FORM: Content = {
  type: "form",
  blockChatInput: false,
  text: "How did we do? Rate this conversation from 1 to 5.",
  fields: [
    {
      type: "select",
      name: RATING_FIELD,
      label: "How satisfied are you with this conversation?",
      options: RATINGS.map(([name, label]) => ({ name, label })),
    },
    { type: "text", name: COMMENT_FIELD, label: "Anything you want to tell us?", placeholder: "Your comment", maxSize: 256 },
  ],
};

/** A survey answer read from a formResponse's fields; null when the response answers some other form. */
export function surveyAnswer(fields: unknown): { rating: number; comment: string | null } | null {
  if (!Array.isArray(fields)) return null;
  const field = (name: string) => fields.find((f): f is Record<string, unknown> => typeof f === "object" && f !== null && f.name === name);
  const selected = field(RATING_FIELD)?.select;
  const option = Array.isArray(selected) ? (selected[0] as Record<string, unknown> | undefined) : undefined;
  const rating = Number(option?.name);
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) return null;
  const text = field(COMMENT_FIELD)?.text;
  return { rating, comment: typeof text === "string" && text.trim() ? text.trim() : null };
}
