// The one wrapper every server action is made with, so that an action is "schema, role, use-case": it parses the
// caller's input with the schema (field errors a form can show), authorizes the caller (session, active
// organization, role), runs the use-case with typed input, revalidates what the change made stale, and answers with
// form state — typed errors mapped in one place (runAction).
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { requireMember, requireSession, type MemberContext } from "@/lib/auth/require-member";
import type { ResolvedSession } from "@/lib/auth/sessions";
import type { Role } from "@/lib/db/generated/enums";
import { clientAddressOf } from "@/lib/http/client-address";
import { parseInput } from "@/lib/validation";
import { runAction, type ActionResult } from "./action";

/**
 * Who may call: a member of the active organization with at least that role; anyone signed in (creating or
 * joining an organization, switching between one's own); or anyone at all (creating an account).
 */
export type Access = Role | "signed-in" | "public";

/** What a public action knows of its caller: the address sign-up throttling counts against. */
export interface PublicRequest {
  clientAddress: string;
}

export type CallerOf<A extends Access> = A extends Role ? MemberContext : A extends "signed-in" ? ResolvedSession : PublicRequest;

/** A path revalidatePath takes, alone or with its type ("layout": every page under it). */
export type Revalidation = string | readonly [path: string, type: "layout" | "page"];

export interface ActionOptions<Args extends unknown[], Input, Result, Data> {
  /** The call's arguments as the schema's input (e.g. formInput()); by default the first argument. */
  input?: (...args: Args) => unknown;
  /** The field named in errors about the input as a whole, for a schema of one value (e.g. "conversationId"). */
  field?: string;
  /** What the caller gets back of the use-case's result; by default all of it. */
  returns?: (result: Result) => Data;
  /** Shown on success. */
  message?: string;
  /** What to revalidate after a success. */
  revalidate?: Revalidation | ((input: Input) => Revalidation);
  /** Where the browser goes after a success. */
  redirect?: (data: Data) => string;
}

async function callerFor<A extends Access>(access: A): Promise<CallerOf<A>> {
  if (access === "public") return { clientAddress: clientAddressOf(await headers()) } as CallerOf<A>;
  if (access === "signed-in") return (await requireSession()) as CallerOf<A>;
  return (await requireMember(null, access as Role)) as CallerOf<A>;
}

function revalidate(target: Revalidation) {
  if (typeof target === "string") revalidatePath(target);
  else revalidatePath(target[0], target[1]);
}

export function memberAction<S extends z.ZodType, A extends Access, Result, Data = Result, Args extends unknown[] = [input: z.input<S>]>(
  schema: S,
  access: A,
  useCase: (caller: CallerOf<A>, input: z.output<S>) => Promise<Result>,
  options: ActionOptions<Args, z.output<S>, Result, Data> = {},
): (...args: Args) => Promise<ActionResult<Data>> {
  return async (...args) => {
    const result = await runAction(async () => {
      const input = parseInput(schema, options.input ? options.input(...args) : args[0], options.field);
      const outcome = await useCase(await callerFor(access), input);
      if (options.revalidate) revalidate(typeof options.revalidate === "function" ? options.revalidate(input) : options.revalidate);
      return options.returns ? options.returns(outcome) : (outcome as unknown as Data);
    }, options.message);
    if (result.ok && options.redirect) redirect(options.redirect(result.data));
    return result;
  };
}

/** For actions whose caller needs nothing of the use-case's result. */
export const nothing = (): void => undefined;
