// Attachments: files uploaded to SunCo (multipart, up to 50 MB) to send as file, image or carousel media.
import { z } from "zod";
import { invalidMessage, wrapped } from "./common";

export const attachmentSchema = z.looseObject({
  /** Needs an authorization header to fetch when the account has private attachments enabled. */
  mediaUrl: z.string(),
  mediaType: z.string(),
});

/** UploadAttachment's query. The body is multipart/form-data with the file in a `source` field. */
export const uploadAttachmentQuerySchema = z.object({
  access: z.literal("public", { error: invalidMessage('must be "public" (private attachments are not supported)') }),
  /** `message` has SunCo delete the file with its message, conversation or user. */
  for: z.literal("message").optional(),
  conversationId: z.string().min(1).optional(),
});

/** DeleteAttachment (`POST …/attachments/remove`). The CDN may serve the file up to 15 more minutes. */
export const attachmentDeleteBodySchema = z.object({ mediaUrl: z.string().min(1) });

export const attachmentResponseSchema = wrapped("attachment", attachmentSchema);

export type Attachment = z.infer<typeof attachmentSchema>;
