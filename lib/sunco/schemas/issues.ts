// Turns zod issues into one line per problem, naming the field: "content.items[10] …" — what the sandbox answers as
// 400 titles and what the client puts in its errors.
import type { z } from "zod";

type Issue = z.core.$ZodIssue;
type PathSegment = PropertyKey;

/** Our own messages are predicates ("must …", "is …", "or …"); zod's defaults ("Invalid input: …") are not. */
const PREDICATE = /^(must|is|are|cannot|or|may) /;

export function formatPath(path: readonly PathSegment[]): string {
  return path
    .map((segment, index) => {
      if (typeof segment === "number") return `[${segment}]`;
      return index === 0 ? String(segment) : `.${String(segment)}`;
    })
    .join("");
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

function sizePredicate(issue: Extract<Issue, { code: "too_big" | "too_small" }>): string {
  const limit = Number(issue.code === "too_big" ? issue.maximum : issue.minimum);
  const bound = issue.code === "too_big" ? "at most" : "at least";
  if (issue.origin === "string") {
    return issue.code === "too_small" && limit === 1 ? "must not be empty" : `must be ${bound} ${plural(limit, "character")}`;
  }
  if (issue.origin === "array" || issue.origin === "set") return `must have ${bound} ${plural(limit, "item")}`;
  const strictly = issue.inclusive === false ? (issue.code === "too_big" ? "less than" : "greater than") : bound;
  return `must be ${strictly} ${limit}`;
}

const withArticle = (noun: string) => (/^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`);

function predicateFor(issue: Issue): string {
  if (PREDICATE.test(issue.message)) return issue.message;
  switch (issue.code) {
    case "invalid_type":
      return issue.message.endsWith("received undefined") ? "is required" : `must be ${withArticle(issue.expected)}`;
    case "too_big":
    case "too_small":
      return sizePredicate(issue);
    case "invalid_value":
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])}`
        : `must be one of: ${issue.values.map(String).join(", ")}`;
    case "invalid_format":
      if (issue.format === "url") return "must be a URL";
      if (issue.format === "email") return "must be an email address";
      return `must be a valid ${issue.format}`;
    case "unrecognized_keys":
      return "is not a known field";
    case "invalid_union": {
      const options = "options" in issue && Array.isArray(issue.options) ? issue.options : undefined;
      return options ? `must be one of: ${options.map(String).join(", ")}` : "does not match any accepted form";
    }
    default:
      return issue.message;
  }
}

/** One line per problem, e.g. `content.text must be at most 4096 characters`. `subject` names the root value. */
export function describeIssues(error: z.ZodError, subject = "body"): string[] {
  return error.issues.flatMap((issue) => {
    const predicate = predicateFor(issue);
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => `${formatPath([...issue.path, key])} ${predicate}`);
    }
    return [`${issue.path.length > 0 ? formatPath(issue.path) : subject} ${predicate}`];
  });
}
