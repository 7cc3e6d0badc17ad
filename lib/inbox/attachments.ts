// Uploading an agent's attachment to SunCo's attachments API, linked to the conversation, so that the composer can
// send it as an image or file message. The type is checked against the file's first bytes where they tell (a page
// named .png is not sent as an image), so what the end user's channel receives is what the agent saw.
import type { ActorContext } from "@/lib/auth/actor";
import { clientForConnectionId } from "@/lib/connections";
import { InvalidInputError } from "@/lib/errors";
import { bytesFitType, SIGNATURE_BYTES } from "@/lib/http/file-signatures";
import { explainingFailure } from "@/lib/sunco";
import { checkAttachment, type AttachmentKind } from "./attachment-rules";
import { writableConversation } from "./conversation-access";

export interface UploadedAttachment {
  kind: AttachmentKind;
  mediaUrl: string;
  mediaType: string;
  /** The file's name, sent as the message's alt text. */
  altText: string;
}

const invalid = (message: string) => new InvalidInputError(message, { file: [message] });

export async function uploadAttachment(ctx: ActorContext, conversationId: string, file: File): Promise<UploadedAttachment> {
  const conversation = await writableConversation(ctx, conversationId);
  const checked = checkAttachment(file);
  if ("error" in checked) throw invalid(checked.error);
  const type = file.type.split(";")[0]!.trim().toLowerCase();
  const head = new Uint8Array(await file.slice(0, SIGNATURE_BYTES).arrayBuffer());
  if (!bytesFitType(type, head)) throw invalid(`The file's contents are not what its type (${type}) says.`);
  const name = (file.name || "attachment").slice(0, 128);
  const attachment = await explainingFailure({ audience: "agent", asked: "to take the file" }, async () =>
    (await clientForConnectionId(conversation.connection.id)).attachments.upload({
      file,
      filename: name,
      conversationId: conversation.suncoConversationId,
      for: "message",
    }),
  );
  return { kind: checked.kind, mediaUrl: attachment.mediaUrl, mediaType: attachment.mediaType ?? type, altText: name };
}
