// POST /api/inbox/conversations/:id/attachments — multipart/form-data with the file in `file`: uploads it to SunCo's
// attachments API for the composer to send. The form is parsed from a body read with a limit, declared or not.
import { requireMember } from "@/lib/auth/require-member";
import { InvalidInputError, PayloadTooLargeError } from "@/lib/errors";
import { readFormLimited } from "@/lib/http/read-body";
import { route } from "@/lib/http/route-handler";
import { MAX_ATTACHMENT_BYTES, uploadAttachment } from "@/lib/inbox";

export const dynamic = "force-dynamic";

/** Room for the multipart envelope around the largest file allowed. */
const MAX_BODY_BYTES = MAX_ATTACHMENT_BYTES + 64 * 1024;

const tooLarge = () => new PayloadTooLargeError(`Attachments can be at most ${Math.round(MAX_ATTACHMENT_BYTES / (1024 * 1024))} MB.`);
const notAForm = (fields = {}) => new InvalidInputError("Send the file as multipart/form-data in a field named file.", fields);

export const POST = route<{ conversationId: string }>("inbox-attachment", async (request, { params }) => {
  const member = await requireMember();
  const form = await readFormLimited(request, MAX_BODY_BYTES, { tooLarge }).catch((error: unknown) => {
    throw error instanceof PayloadTooLargeError ? error : notAForm();
  });
  const file = form.get("file");
  if (!(file instanceof File)) throw notAForm({ file: ["is required"] });
  return Response.json(await uploadAttachment(member, (await params).conversationId, file), { status: 201 });
});
