// Every message as plain text: what the inbox previews and searches. SunCo fills in text fallbacks for rich types
// (carousel, list, location, formResponse); where it doesn't, the content's own words stand in.
import type { Content } from "@/lib/sunco/schemas";

const PREVIEW_LENGTH = 200;

const TYPE_LABELS: Record<string, string> = {
  image: "Image",
  file: "File",
  carousel: "Carousel",
  list: "List",
  location: "Location",
  form: "Form",
  formResponse: "Form response",
  template: "Template",
};

function htmlToText(html: string) {
  return html
    .replace(/<br\s*\/?>|<\/p>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .trim();
}

type TemplateParameter = { text?: unknown; currency?: { fallback_value?: unknown }; date_time?: { fallback_value?: unknown } };
type TemplateComponent = { type?: unknown; parameters?: TemplateParameter[] };

/** What a parameter reads as: its text, or the fallback WhatsApp shows for a currency or a date. */
const parameterWords = (parameter: TemplateParameter | undefined) =>
  [parameter?.text, parameter?.currency?.fallback_value, parameter?.date_time?.fallback_value].find(
    (value): value is string => typeof value === "string" && value.trim() !== "",
  );

/**
 * A WhatsApp template as an agent reads it: its name, language and what was filled in (the text, currency and date
 * parameters of its header and body, in order; media parameters have no words). SunCo's examples spell the component list `component`, WhatsApp's `components`.
 */
export function templateSummary(template: unknown): { name: string | null; language: string | null; filled: string[] } {
  const t = (template ?? {}) as { name?: unknown; language?: { code?: unknown }; components?: unknown; component?: unknown };
  const components = Array.isArray(t.components) ? t.components : Array.isArray(t.component) ? t.component : [];
  const filled = (components as TemplateComponent[]).flatMap((component) =>
    (Array.isArray(component?.parameters) ? component.parameters : []).flatMap((parameter) => parameterWords(parameter) ?? []),
  );
  return {
    name: typeof t.name === "string" && t.name ? t.name : null,
    language: typeof t.language?.code === "string" && t.language.code ? t.language.code : null,
    filled,
  };
}

const lines = (...parts: (string | null | undefined)[]) => parts.filter((part) => part && part.trim()).join("\n");

/** The words of a message, for search and display where the content can't be rendered. */
export function messageText(content: Content): string {
  switch (content.type) {
    case "text":
      return content.text ?? (content.htmlText ? htmlToText(content.htmlText) : lines(...(content.actions ?? []).map((a) => a.text)));
    case "image":
    case "file":
      return lines(content.text ?? (content.htmlText ? htmlToText(content.htmlText) : undefined), content.altText);
    case "carousel":
    case "list":
      return content.type === "carousel" && content.text
        ? content.text
        : lines(...content.items.map((item) => lines(item.title, item.description)));
    case "location":
      return (
        content.text ??
        (lines(content.location?.name, content.location?.address) || `${content.coordinates.lat}, ${content.coordinates.long}`)
      );
    case "form":
      return lines(content.text, ...content.fields.map((field) => field.label));
    case "formResponse":
      return (
        content.textFallback ??
        lines(...content.fields.map((field) => `${field.label}: ${field.text ?? field.email ?? field.select?.map((s) => s.label).join(", ") ?? ""}`))
      );
    case "template": {
      // The name and the filled-in values: what the list previews and search finds ("Template order_update · Nora").
      const { name, filled } = templateSummary(content.template);
      return [name ? `Template ${name}` : "Template", ...filled].join(" · ");
    }
    default: {
      // A content type SunCo added after our spec: its text fallback if it has one.
      const fallback = (content as { text?: unknown }).text;
      return typeof fallback === "string" ? fallback : "";
    }
  }
}

/** One line for a conversation list: the text, shortened, or the kind of message when it has no words. */
export function messagePreview(contentType: string, text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (!flat) return TYPE_LABELS[contentType] ?? "Message";
  return flat.length > PREVIEW_LENGTH ? `${flat.slice(0, PREVIEW_LENGTH - 1)}…` : flat;
}
