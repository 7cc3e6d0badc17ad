import { describe, expect, it } from "vitest";
import { renderSavedReply, unknownVariables } from "@/lib/inbox/saved-reply-variables";

describe("saved reply variables", () => {
  it("fill in known values, fallbacks for missing ones, and report what stayed empty", () => {
    expect(renderSavedReply("Hi {{user.givenName}}, this is {{ agent.name }}.", { "user.givenName": "Nora", "agent.name": "Ada" })).toEqual({
      text: "Hi Nora, this is Ada.",
      missing: [],
    });
    expect(renderSavedReply("Hi {{user.givenName|there}}!", { "user.givenName": "  " })).toEqual({ text: "Hi there!", missing: [] });
    expect(renderSavedReply("Mail {{user.email}} or {{user.email}}", {})).toEqual({ text: "Mail  or ", missing: ["user.email"] });
  });

  it("leave anything that is not a variable as written, and name it", () => {
    expect(renderSavedReply("{{user.nickname}} {{ not a variable }}", { "user.givenName": "Nora" }).text).toBe("{{user.nickname}} {{ not a variable }}");
    expect(unknownVariables("{{user.nickname}} {{user.givenName}} {{user.nickname|x}} {{organization.name}}")).toEqual(["user.nickname"]);
  });
});
