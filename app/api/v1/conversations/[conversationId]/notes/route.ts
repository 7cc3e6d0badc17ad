// POST /api/v1/conversations/:id/notes (lib/api/operations/conversations.ts).
import { apiHandler } from "@/lib/api";
import { addNoteOperation } from "@/lib/api/operations/conversations";

export const dynamic = "force-dynamic";
export const POST = apiHandler(addNoteOperation);
