// Uploaded files: stored by the sandbox, served back from its own URL, and deleted with their message or
// conversation when uploaded `for=message`.
import path from "node:path";
import type { SandboxContext } from "../context";
import { ulid } from "../ids";
import type { AttachmentRecord, MessageRecord } from "../state";

export const ATTACHMENT_LIMIT_BYTES = 50 * 1024 * 1024;
export const ATTACHMENTS_PATH = "/attachments/v2";

const MEDIA_TYPES: Record<string, string> = {
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".png": "image/png",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".svg": "image/svg+xml",
  ".pdf": "application/pdf",
  ".txt": "text/plain",
  ".csv": "text/csv",
  ".json": "application/json",
  ".mp3": "audio/mpeg",
  ".mp4": "video/mp4",
  ".zip": "application/zip",
};

/**
 * What the sandbox serves inline with its own type: raster images, which the inbox shows in <img>. Anything else
 * (HTML, SVG, XML, scripts, whatever an end user claims) would run or render on the origin serving it, which, mounted,
 * is the app's: it goes out as a download of opaque bytes.
 */
const INLINE_MEDIA_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", "image/bmp"]);

export function isInlineMediaType(mediaType: string): boolean {
  return INLINE_MEDIA_TYPES.has(mediaType.split(";")[0]!.trim().toLowerCase());
}

export function mediaTypeOf(fileName: string, declared?: string): string {
  if (declared && declared !== "application/octet-stream") return declared;
  return MEDIA_TYPES[path.extname(fileName).toLowerCase()] ?? "application/octet-stream";
}

export function storeAttachment(
  ctx: SandboxContext,
  appId: string,
  file: { name: string; type?: string; bytes: Uint8Array },
  options: { conversationId?: string; forMessage: boolean },
): AttachmentRecord {
  const id = ulid(ctx.clock.now());
  const fileName = path.basename(file.name || "file").replace(/[^\w.-]+/g, "_") || "file";
  ctx.files.put(id, file.bytes);
  const attachment = ctx.state.attachments.insert({
    id,
    appId,
    fileName,
    mediaType: mediaTypeOf(fileName, file.type),
    mediaSize: file.bytes.byteLength,
    path: `${ATTACHMENTS_PATH}/${id}/${encodeURIComponent(fileName)}`,
    conversationId: options.conversationId,
    forMessage: options.forMessage,
  });
  ctx.changed();
  return attachment;
}

/** The attachment a mediaUrl points at, when it is one of the sandbox's. */
export function attachmentAt(ctx: SandboxContext, mediaUrl: string): AttachmentRecord | undefined {
  let pathname: string;
  try {
    pathname = new URL(mediaUrl).pathname;
  } catch {
    return undefined;
  }
  const match = /\/attachments\/v2\/([0-9A-Z]{26})\//.exec(pathname);
  return match ? ctx.state.attachments.get(match[1]) : undefined;
}

export function isSandboxAttachmentUrl(mediaUrl: string): boolean {
  try {
    return new URL(mediaUrl).pathname.includes(`${ATTACHMENTS_PATH}/`);
  } catch {
    return false;
  }
}

export function deleteAttachment(ctx: SandboxContext, attachment: AttachmentRecord): void {
  ctx.files.delete(attachment.id);
  ctx.state.attachments.delete(attachment.id);
  ctx.changed();
}

/** Attachments uploaded `for=message` go with their messages (by mediaUrl) or their conversation. */
export function deleteAttachmentsOf(ctx: SandboxContext, scope: { conversationId?: string; messages: MessageRecord[] }): void {
  const urls = new Set(scope.messages.flatMap((m) => mediaUrlsOf(m.content)));
  const referenced = [...urls].map((url) => attachmentAt(ctx, url)).filter((a) => a !== undefined);
  const owned = scope.conversationId ? ctx.state.attachments.where((a) => a.conversationId === scope.conversationId) : [];
  for (const attachment of new Set([...referenced, ...owned])) if (attachment.forMessage) deleteAttachment(ctx, attachment);
}

function mediaUrlsOf(content: Record<string, unknown>): string[] {
  const own = typeof content.mediaUrl === "string" ? [content.mediaUrl] : [];
  const items = Array.isArray(content.items) ? (content.items as Record<string, unknown>[]) : [];
  return [...own, ...items.flatMap((item) => (typeof item.mediaUrl === "string" ? [item.mediaUrl] : []))];
}
