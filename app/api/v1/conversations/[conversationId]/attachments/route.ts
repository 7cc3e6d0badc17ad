// POST /api/v1/conversations/:id/attachments (lib/api/operations/conversations.ts).
import { apiHandler } from "@/lib/api";
import { uploadAttachmentOperation } from "@/lib/api/operations/conversations";

export const dynamic = "force-dynamic";
export const POST = apiHandler(uploadAttachmentOperation);
