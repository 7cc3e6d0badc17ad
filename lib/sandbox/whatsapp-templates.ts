// The WhatsApp templates the sandbox's WhatsApp Business accounts have approved, and a template message as WhatsApp
// renders it with its parameters: what the simulator shows, and why WhatsApp would refuse one.
// Pure data and functions: the simulator page (a client component) uses it too.

type HeaderFormat = "text" | "image" | "document" | "video";

export interface TemplateDefinition {
  name: string;
  languages: string[];
  header?: { format: HeaderFormat; text?: string };
  /** `{{1}}`, `{{2}}`… are the body's parameters, in order. */
  body: string;
  footer?: string;
  buttons?: string[];
}

export const SANDBOX_WHATSAPP_TEMPLATES: TemplateDefinition[] = [
  {
    name: "hello_world",
    languages: ["en_US", "en", "fr"],
    header: { format: "image" },
    body: "Hello {{1}}, this is {{2}}. How can we help you today?",
    footer: "Sent from the SunCo sandbox",
  },
  {
    name: "order_update",
    languages: ["en", "en_US"],
    body: "Your order {{1}} has shipped and should arrive on {{2}}.",
  },
  {
    name: "appointment_reminder",
    languages: ["en_US"],
    header: { format: "text", text: "Appointment on {{1}}" },
    body: "Hi {{1}}, this is a reminder of your appointment with {{2}}, at {{3}}.",
    buttons: ["Confirm", "Reschedule"],
  },
];

export interface RenderedTemplate {
  name: string;
  language: string;
  header?: string;
  body: string;
  footer?: string;
  buttons: string[];
  /** Why WhatsApp would not deliver it (its error code and title), or undefined. */
  problem?: string;
}

type Parameter = { type?: unknown; [key: string]: unknown };
type Component = { type?: unknown; parameters?: Parameter[] };

/** A parameter as the end user reads it. */
function parameterText(parameter: Parameter): string {
  const value = parameter[String(parameter.type)] as Record<string, unknown> | string | undefined;
  if (parameter.type === "text" && typeof parameter.text === "string") return parameter.text;
  if (typeof value === "object" && value && typeof value.fallback_value === "string") return value.fallback_value;
  if (typeof value === "object" && value && typeof value.link === "string") return `[${String(parameter.type)}: ${value.link}]`;
  return `[${String(parameter.type)}]`;
}

const placeholders = (text: string) => new Set(text.match(/\{\{\d+\}\}/g) ?? []).size;
const fill = (text: string, values: string[]) => text.replace(/\{\{(\d+)\}\}/g, (match, n: string) => values[Number(n) - 1] ?? match);

/** The template message filled in; unknown templates and wrong parameter counts are rendered as far as possible. */
export function renderTemplate(template: Record<string, unknown> | undefined): RenderedTemplate {
  const name = typeof template?.name === "string" ? template.name : "";
  const language = String((template?.language as { code?: unknown } | undefined)?.code ?? "");
  const components = ((template?.components ?? template?.component) as Component[] | undefined) ?? [];
  const parametersOf = (type: string) => components.find((c) => c.type === type)?.parameters ?? [];
  const bodyValues = parametersOf("body").map(parameterText);
  const headerValues = parametersOf("header").map(parameterText);

  const definition = SANDBOX_WHATSAPP_TEMPLATES.find((t) => t.name === name);
  if (!definition || !definition.languages.includes(language)) {
    return {
      name,
      language,
      body: bodyValues.join(" · "),
      buttons: [],
      problem: "(#132001) Template name does not exist in the translation",
    };
  }
  const header = definition.header;
  const expectedHeader = header?.format === "text" ? placeholders(header.text ?? "") : header ? 1 : 0;
  const countsMatch = placeholders(definition.body) === bodyValues.length && expectedHeader === headerValues.length;
  return {
    name,
    language,
    ...(header ? { header: header.format === "text" ? fill(header.text ?? "", headerValues) : (headerValues[0] ?? `[${header.format}]`) } : {}),
    body: fill(definition.body, bodyValues),
    ...(definition.footer ? { footer: definition.footer } : {}),
    buttons: definition.buttons ?? [],
    ...(countsMatch ? {} : { problem: "(#132000) Number of parameters does not match the expected number of params" }),
  };
}
