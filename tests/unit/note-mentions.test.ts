// The note composer's @mentions: the query at the caret, the members offered, the name put in, and the highlight.
import { describe, expect, it } from "vitest";
import { insertMention, mentionAt, mentionedIn, mentionOptions, splitMentions } from "@/app/(app)/inbox/_components/mentions";

const ada = { id: "u1", name: "Ada Lovelace" };
const alan = { id: "u2", name: "Alan Turing" };
const grace = { id: "u3", name: "Grace Hopper" };

describe("note mentions", () => {
  it("finds the @query that ends at the caret, only after a space or at the start", () => {
    expect(mentionAt("cc @Al", 6)).toEqual({ start: 3, query: "Al" });
    expect(mentionAt("@", 1)).toEqual({ start: 0, query: "" });
    expect(mentionAt("mail me at a@b", 14)).toBeNull();
    expect(mentionAt("cc @Al and more", 15)).toBeNull();
  });

  it("offers members whose name contains the query, those starting with it first, never oneself", () => {
    expect(mentionOptions([grace, alan, ada], "a", "u9").map((member) => member.id)).toEqual(["u2", "u1", "u3"]);
    expect(mentionOptions([ada, alan], "", "u1")).toEqual([alan]);
  });

  it("puts the whole name in place of the query, and keeps only picked members still named in the text", () => {
    expect(insertMention("cc @Al thanks", { start: 3, query: "Al" }, alan)).toEqual({ text: "cc @Alan Turing thanks", caret: 16 });
    expect(mentionedIn("@Alan Turing look", [alan, ada, alan])).toEqual([alan]);
  });

  it("cuts a note into text and mentions, preferring the longest name", () => {
    const mentions = [{ userId: "u1", name: "Ada" }, { userId: "u4", name: "Ada Lovelace" }];
    expect(splitMentions("Hi @Ada Lovelace and @Ada.", mentions)).toEqual([
      { text: "Hi " },
      { text: "@Ada Lovelace", mention: "Ada Lovelace" },
      { text: " and " },
      { text: "@Ada", mention: "Ada" },
      { text: "." },
    ]);
    expect(splitMentions("no one (a+b)", [])).toEqual([{ text: "no one (a+b)" }]);
  });
});
