// Fills a spec path template ("/v2/apps/{appId}/users/{userIdOrExternalId}") with encoded parameters, refusing
// values that would change which resource the path names.
import { InvalidInputError } from "@/lib/errors";

export function expandPath(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    // "." and ".." are dot segments: URL parsing would climb to another resource. Anything else is encoded whole.
    if (value === undefined || value === "" || value === "." || value === "..") {
      throw new InvalidInputError(`The SunCo ${name} is missing or not valid.`, {
        [name]: [value ? "must not be a dot segment" : "is required"],
      });
    }
    return encodeURIComponent(value);
  });
}
