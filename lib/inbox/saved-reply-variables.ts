// The variables a saved reply may hold, `{{user.givenName}}` or with a fallback for when the value is missing,
// `{{user.givenName|there}}`. Filled in when an agent inserts the reply, so it can still be edited before sending.

export const SAVED_REPLY_VARIABLES = {
  "user.givenName": "The end user's first name",
  "user.surname": "The end user's last name",
  "user.name": "The end user's full name (or how their channel names them)",
  "user.email": "The end user's email",
  "agent.name": "Your name",
  "agent.givenName": "Your first name",
  "organization.name": "Your organization's name",
  "connection.name": "The Zendesk app the conversation belongs to",
} as const;

export type SavedReplyVariable = keyof typeof SAVED_REPLY_VARIABLES;
export type SavedReplyValues = Partial<Record<SavedReplyVariable, string | null>>;

const VARIABLE = /\{\{\s*([\w.]+)\s*(?:\|([^}]*))?\}\}/g;

const isVariable = (name: string): name is SavedReplyVariable => Object.hasOwn(SAVED_REPLY_VARIABLES, name);

/** Names used in `body` that are not variables (a saved reply holding one is refused). */
export function unknownVariables(body: string): string[] {
  return [...new Set([...body.matchAll(VARIABLE)].map((match) => match[1]!).filter((name) => !isVariable(name)))];
}

export interface RenderedReply {
  text: string;
  /** Variables with no value and no fallback: they became empty, and the agent should look before sending. */
  missing: SavedReplyVariable[];
}

export function renderSavedReply(body: string, values: SavedReplyValues): RenderedReply {
  const missing = new Set<SavedReplyVariable>();
  const text = body.replace(VARIABLE, (whole, name: string, fallback: string | undefined) => {
    if (!isVariable(name)) return whole;
    const value = values[name]?.trim();
    if (value) return value;
    if (fallback !== undefined) return fallback.trim();
    missing.add(name);
    return "";
  });
  return { text, missing: [...missing] };
}
