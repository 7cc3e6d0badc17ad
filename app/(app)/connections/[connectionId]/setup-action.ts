// What every server action of a connection's settings does around its use-case: only owners and admins of the
// active organization get through, and after a change every tab shows SunCo's new state.
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/actions/action";
import { requireMember, type MemberContext } from "@/lib/auth/require-member";

export function changeSetup<T>(work: (member: MemberContext) => Promise<T>, successMessage?: string): Promise<ActionResult<T>> {
  return runAction(async () => {
    const result = await work(await requireMember(null, "admin"));
    revalidatePath("/connections/[connectionId]", "layout");
    return result;
  }, successMessage);
}
