// Fills a spec path template ("/v2/apps/{appId}/users/{userIdOrExternalId}") with encoded parameters, refusing
// values that would change which resource the path names.
import { InvalidInputError } from "@/lib/errors";

/** A template split once into literal text and parameter names, alternating: ["/v2/apps/", "appId", ""]. */
const compiled = new Map<string, string[]>();

function parts(template: string): string[] {
  let split = compiled.get(template);
  if (!split) {
    split = template.split(/\{(\w+)\}/);
    compiled.set(template, split);
  }
  return split;
}

export function expandPath(template: string, params: Record<string, string>): string {
  const split = parts(template);
  let path = split[0]!;
  for (let index = 1; index < split.length; index += 2) {
    const name = split[index]!;
    const value = params[name];
    // "." and ".." are dot segments: URL parsing would climb to another resource. Anything else is encoded whole.
    if (value === undefined || value === "" || value === "." || value === "..") {
      throw new InvalidInputError(`The SunCo ${name} is missing or not valid.`, {
        [name]: [value ? "must not be a dot segment" : "is required"],
      });
    }
    path += encodeURIComponent(value) + split[index + 1]!;
  }
  return path;
}
