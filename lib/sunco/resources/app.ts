// The tenant's app itself, its files (attachments), and the OAuth revocation that ends our access to it.
import type { OperationBody } from "../schemas/operations";
import type { CallOptions } from "../transport";
import type { Invoke } from "./invoke";

export function appApi(invoke: Invoke) {
  return {
    /** Needs app scope (an app key); OAuth tokens read their app through getTokenInfo instead. */
    async get(options?: CallOptions) {
      const { app } = await invoke("GetApp", { options });
      return app;
    },

    /** Careful: settings.multiConvoEnabled cannot be turned off again. */
    async update(body: OperationBody<"UpdateApp">, options?: CallOptions) {
      const { app } = await invoke("UpdateApp", { body, options });
      return app;
    },
  };
}

export interface AttachmentUpload {
  file: Blob;
  filename: string;
  /** Links the file to a conversation; with `for: "message"` SunCo deletes it with its message. */
  conversationId?: string;
  for?: "message";
}

export function attachmentsApi(invoke: Invoke) {
  return {
    /** Uploads a file (up to 50 MB) to send in a file or image message; returns its mediaUrl. */
    async upload(upload: AttachmentUpload, options?: CallOptions) {
      const form = new FormData();
      form.append("source", upload.file, upload.filename);
      const { attachment } = await invoke("UploadAttachment", {
        query: { access: "public", for: upload.for, conversationId: upload.conversationId },
        body: form,
        // A repeated upload leaves at worst an unused copy: better than failing a send.
        idempotent: true,
        options,
      });
      return attachment;
    },

    /** The CDN may keep serving the file for up to 15 minutes. */
    async remove(mediaUrl: string, options?: CallOptions) {
      await invoke("DeleteAttachment", { body: { mediaUrl }, idempotent: true, options });
    },
  };
}

export function oauthAccessApi(invoke: Invoke) {
  return {
    /**
     * Ends this OAuth token's access to the app, as if the admin removed the integration: its webhooks are deleted
     * and SunCo calls the integration's removeUrl.
     */
    async revokeAccess(options?: CallOptions) {
      await invoke("RevokeAccess", { options });
    },
  };
}
