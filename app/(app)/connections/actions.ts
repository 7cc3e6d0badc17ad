"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formFields, runAction, type ActionResult } from "@/lib/actions/action";
import { requireMember } from "@/lib/auth/require-member";
import { beginOAuthConnect, connectWithApiKey, disconnectConnection, testConnection } from "@/lib/connections";

const PAGE = "/connections";

/** Starts OAuth: the browser goes to the OAuth bridge's consent page. */
export async function connectZendeskAction(): Promise<ActionResult> {
  let url: string | undefined;
  const result = await runAction(async () => {
    url = await beginOAuthConnect(await requireMember(null, "admin"));
  });
  if (result.ok && url) redirect(url);
  return result;
}

export async function connectApiKeyAction(_: unknown, form: FormData): Promise<ActionResult<{ appName: string }>> {
  return runAction(async () => {
    const { connection, reconnected } = await connectWithApiKey(await requireMember(null, "admin"), formFields(form));
    revalidatePath(PAGE);
    return { appName: `${connection.appName}${reconnected ? " (reconnected)" : ""}` };
  });
}

export async function testConnectionAction(connectionId: string): Promise<ActionResult<{ ok: boolean; message: string }>> {
  return runAction(async () => {
    const result = await testConnection(await requireMember(null, "admin"), connectionId);
    revalidatePath(PAGE);
    return result;
  });
}

export async function disconnectConnectionAction(connectionId: string): Promise<ActionResult> {
  return runAction(async () => {
    await disconnectConnection(await requireMember(null, "admin"), connectionId);
    revalidatePath(PAGE);
  }, "Disconnected. Its conversations stay readable.");
}
