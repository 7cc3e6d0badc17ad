// What an agent may attach, checked in the browser before the upload starts and again on the server: the types
// channels commonly accept, and sizes well under SunCo's 50 MB upload cap (most channels refuse more than 25 MB).
// Pure, so that the composer can import it.

export const ATTACHMENT_RULES = {
  image: {
    types: ["image/jpeg", "image/png", "image/gif", "image/webp"],
    maxBytes: 10 * 1024 * 1024,
  },
  file: {
    types: [
      "application/pdf",
      "text/plain",
      "text/csv",
      "application/zip",
      "application/msword",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "application/vnd.ms-excel",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "audio/mpeg",
      "video/mp4",
    ],
    maxBytes: 25 * 1024 * 1024,
  },
} as const;

export type AttachmentKind = keyof typeof ATTACHMENT_RULES;

/** For `<input type="file" accept>`. */
export const ACCEPTED_TYPES = [...ATTACHMENT_RULES.image.types, ...ATTACHMENT_RULES.file.types].join(",");

const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

/** The kind of message a file makes, or why it cannot be sent. */
export function checkAttachment(file: { type: string; size: number }): { kind: AttachmentKind } | { error: string } {
  const type = file.type.split(";")[0]!.trim().toLowerCase();
  for (const [kind, rule] of Object.entries(ATTACHMENT_RULES) as [AttachmentKind, (typeof ATTACHMENT_RULES)[AttachmentKind]][]) {
    if (!(rule.types as readonly string[]).includes(type)) continue;
    if (file.size === 0) return { error: "The file is empty." };
    if (file.size > rule.maxBytes) return { error: `${kind === "image" ? "Images" : "Files"} can be at most ${megabytes(rule.maxBytes)}; this one is ${megabytes(file.size)}.` };
    return { kind };
  }
  return { error: `Files of type ${type || "unknown"} cannot be sent. Send an image (JPEG, PNG, GIF, WebP), a PDF, text, CSV, Office document, ZIP, MP3 or MP4.` };
}

export const MAX_ATTACHMENT_BYTES = Math.max(...Object.values(ATTACHMENT_RULES).map((rule) => rule.maxBytes));
