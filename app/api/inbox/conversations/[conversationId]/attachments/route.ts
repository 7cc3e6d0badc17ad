// POST /api/inbox/conversations/:id/attachments — multipart/form-data with the file in `file`: uploads it to SunCo's
// attachments API for the composer to send. Refused before the body is read when it is plainly too large.
import { requireMember } from "@/lib/auth/require-member";
import { InvalidInputError, PayloadTooLargeError } from "@/lib/errors";
import { route } from "@/lib/http/route-handler";
import { MAX_ATTACHMENT_BYTES, uploadAttachment } from "@/lib/inbox";

export const dynamic = "force-dynamic";

/** Room for the multipart envelope around the largest file allowed. */
const MAX_BODY_BYTES = MAX_ATTACHMENT_BYTES + 64 * 1024;

export const POST = route<{ conversationId: string }>("inbox-attachment", async (request, { params }) => {
  const member = await requireMember();
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) {
    throw new PayloadTooLargeError(`Attachments can be at most ${Math.round(MAX_ATTACHMENT_BYTES / (1024 * 1024))} MB.`);
  }
  const form = await request.formData().catch(() => {
    throw new InvalidInputError("Send the file as multipart/form-data in a field named file.");
  });
  const file = form.get("file");
  if (!(file instanceof File)) throw new InvalidInputError("Send the file as multipart/form-data in a field named file.", { file: ["is required"] });
  return Response.json(await uploadAttachment(member, (await params).conversationId, file), { status: 201 });
});
