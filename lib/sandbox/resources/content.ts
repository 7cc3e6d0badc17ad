// What SunCo adds to message content it receives: fallback text for channels that can only show text, media type
// and size for files and images, HTML for markdown (which itself is write-only), the submitted flag on forms.
import type { SandboxContext } from "../context";
import type { Json } from "../state";
import { attachmentAt, mediaTypeOf } from "./attachments";

type Content = Json & { type: string };
type Action = { type: string; text?: string; uri?: string };
type Item = { title: string; description?: string; actions?: Action[] };

export function normalizeContent(ctx: SandboxContext, received: Content): Content {
  const content: Content = { ...received };
  if (typeof content.markdownText === "string") {
    content.htmlText = markdownToHtml(content.markdownText);
    content.text ??= markdownToText(content.markdownText);
    delete content.markdownText;
  }
  if (typeof content.htmlText === "string" && content.text === undefined) content.text = htmlToText(content.htmlText);
  switch (content.type) {
    case "image":
    case "file":
      return { ...content, ...mediaFacts(ctx, content.mediaUrl as string), ...(content.type === "file" && !content.altText ? { altText: fileNameOf(content.mediaUrl as string) } : {}) };
    case "carousel":
    case "list":
      return { ...content, text: itemsFallback(content.items as Item[]) };
    case "location": {
      const { lat, long } = content.coordinates as { lat: number; long: number };
      return { ...content, text: `Location shared:\nhttps://maps.google.com/maps?q=${lat},${long}` };
    }
    case "form":
      return { ...content, submitted: false };
    default:
      return content;
  }
}

function mediaFacts(ctx: SandboxContext, mediaUrl: string): { mediaType: string; mediaSize?: number } {
  const attachment = attachmentAt(ctx, mediaUrl);
  if (attachment) return { mediaType: attachment.mediaType, mediaSize: attachment.mediaSize };
  return { mediaType: mediaTypeOf(fileNameOf(mediaUrl)) };
}

function fileNameOf(mediaUrl: string): string {
  try {
    return decodeURIComponent(new URL(mediaUrl).pathname.split("/").pop() || "file");
  } catch {
    return "file";
  }
}

/** "1. Tacos\nGet your tacos today!\nMore info: https://example.org", items separated by a blank line. */
function itemsFallback(items: Item[]): string {
  return items
    .map((item, index) =>
      [
        `${index + 1}. ${item.title}`,
        ...(item.description ? [item.description] : []),
        ...(item.actions ?? []).filter((a) => a.type === "link" && a.uri).map((a) => `${a.text}: ${a.uri}`),
      ].join("\n"),
    )
    .join("\n\n");
}

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/** The subset of markdown chat messages use: bold, italics, inline code, links and line breaks. */
function markdownToHtml(markdown: string): string {
  return escapeHtml(markdown)
    .replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, '<a href="$2">$1</a>')
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
    .replace(/(^|[^*])\*([^*]+)\*/g, "$1<em>$2</em>")
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replace(/\n/g, "<br>");
}

function markdownToText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, "$1 ($2)")
    .replace(/\*\*([^*]+)\*\*/g, "$1")
    .replace(/\*([^*]+)\*/g, "$1")
    .replace(/`([^`]+)`/g, "$1");
}

function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}
