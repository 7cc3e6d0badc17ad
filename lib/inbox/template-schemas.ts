// The organization's WhatsApp templates as Settings → Templates writes them: a title agents pick by, the template's
// name and language at WhatsApp, and its parameters in order, each with a label and an optional default. Pure, for the
// composer (a client component) too.
import { z } from "zod";

export const TEMPLATE_COMPONENTS = ["header", "body"] as const;

export const templateParameterSpecSchema = z.object({
  component: z.enum(TEMPLATE_COMPONENTS, { error: "Each line starts with header: or body:, such as body: Order number = #1." }),
  label: z.string().trim().min(1, "needs a label").max(60, "label must be at most 60 characters"),
  default: z.string().trim().max(1024, "default must be at most 1024 characters").default(""),
});

export type TemplateParameterSpec = z.infer<typeof templateParameterSpecSchema>;

/** One line per parameter, `body: Order number = #1`: the component, its label, and after `=` its default. */
export function parseParameterLines(text: string): unknown[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const match = /^(\w+)\s*:\s*([^=]*?)\s*(?:=\s*(.*))?$/.exec(line);
      return match ? { component: match[1]!.toLowerCase(), label: match[2], default: match[3] ?? "" } : { component: line, label: "" };
    });
}

export const parameterLines = (parameters: readonly TemplateParameterSpec[]) =>
  parameters.map((p) => `${p.component}: ${p.label}${p.default ? ` = ${p.default}` : ""}`).join("\n");

export const messageTemplateSchema = z.object({
  title: z.string().trim().min(1, "is required").max(100, "must be at most 100 characters"),
  templateName: z.string().trim().regex(/^[a-z0-9_]{1,512}$/, "must be WhatsApp's template name: lowercase letters, digits and underscores"),
  language: z.string().trim().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, "must be a language code such as en or en_US"),
  parameters: z.preprocess(
    (value) => (typeof value === "string" ? parseParameterLines(value) : value),
    z.array(templateParameterSpecSchema, { error: "one per line, such as body: Order number = #1" }).max(20, "at most 20 parameters"),
  ),
});

export const updateMessageTemplateSchema = messageTemplateSchema.extend({ id: z.uuid({ error: "is not a template id" }) });

export type MessageTemplateInput = z.infer<typeof messageTemplateSchema>;

export interface MessageTemplate extends MessageTemplateInput {
  id: string;
}
