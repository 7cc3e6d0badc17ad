// Attachments: multipart upload (up to 50 MB), removal, and the files served back at their mediaUrl.
import { Hono } from "hono";
import { attachmentDeleteBodySchema, uploadAttachmentQuerySchema } from "@/lib/sunco/schemas";
import type { SandboxContext } from "../context";
import { badRequest, notFound } from "../errors";
import { appOperation, readUploadForm, uploadTooLarge, type SandboxEnv } from "../operation";
import {
  ATTACHMENT_LIMIT_BYTES,
  ATTACHMENTS_PATH,
  attachmentAt,
  deleteAttachment,
  isInlineMediaType,
  isSandboxAttachmentUrl,
  storeAttachment,
} from "../resources/attachments";
import { requireConversation } from "../resources/conversations";

export function attachmentRoutes(ctx: SandboxContext) {
  const routes = new Hono<SandboxEnv>();

  routes.post(
    "/v2/apps/:appId/attachments",
    appOperation(ctx, "UploadAttachment", async (call) => {
      const query = call.query(uploadAttachmentQuerySchema);
      if (query.conversationId) requireConversation(ctx, call.app.id, query.conversationId);
      const form = await readUploadForm(call.request, () => badRequest("The body must be multipart/form-data with the file in a source field"));
      const source = form.get("source");
      if (!(source instanceof Blob)) throw badRequest("source is required: the file to upload");
      if (source.size > ATTACHMENT_LIMIT_BYTES) throw uploadTooLarge();
      const attachment = storeAttachment(
        ctx,
        call.app.id,
        { name: source instanceof File ? source.name : "file", type: source.type, bytes: new Uint8Array(await source.arrayBuffer()) },
        { conversationId: query.conversationId, forMessage: query.for === "message" },
      );
      const mediaUrl = `${call.publicRoot}${attachment.path}`;
      return { status: 201, body: { attachment: { mediaUrl, mediaType: attachment.mediaType } } };
    }),
  );

  routes.post(
    "/v2/apps/:appId/attachments/remove",
    appOperation(ctx, "DeleteAttachment", async (call) => {
      const { mediaUrl } = await call.body(attachmentDeleteBodySchema);
      if (!isSandboxAttachmentUrl(mediaUrl)) throw badRequest(`Unsupported media URL for attachment deletion: ${mediaUrl}`);
      const attachment = attachmentAt(ctx, mediaUrl);
      if (!attachment || attachment.appId !== call.app.id) throw notFound("not_found", "Attachment not found");
      deleteAttachment(ctx, attachment);
      return { body: {} };
    }),
  );

  // Public, like SunCo's CDN: anyone with the URL can fetch the file. Never as a page of the origin serving it.
  routes.get(`${ATTACHMENTS_PATH}/:id/:name`, (c) => {
    const attachment = ctx.state.attachments.get(c.req.param("id"));
    const bytes = attachment && ctx.files.get(attachment.id);
    if (!attachment || !bytes) throw notFound("not_found", "Attachment not found");
    const inline = isInlineMediaType(attachment.mediaType);
    return new Response(bytes as Uint8Array<ArrayBuffer>, {
      headers: {
        "content-type": inline ? attachment.mediaType : "application/octet-stream",
        "content-length": String(bytes.byteLength),
        "content-disposition": `${inline ? "inline" : "attachment"}; filename="${attachment.fileName}"`,
        "cache-control": "public, max-age=900",
        "x-content-type-options": "nosniff",
        // Opened directly anyway, it is a document without script, forms or the origin's cookies and storage.
        "content-security-policy": "sandbox; default-src 'none'",
      },
    });
  });

  return routes;
}
