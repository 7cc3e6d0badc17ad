// Request validation with zod, failing the way SunCo does: 400 with one `bad_request` error per problem, each
// naming its field ("content.text must be at most 4096 characters").
import type { z } from "zod";
import { describeIssues } from "@/lib/sunco/schemas";
import { badRequest } from "./errors";

export function parseRequest<S extends z.ZodType>(schema: S, input: unknown, subject = "body"): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const [first, ...rest] = describeIssues(result.error, subject).map((title) => ({ code: "bad_request", title }));
  throw badRequest(first!.title, rest);
}
