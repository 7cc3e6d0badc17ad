// The pure rules behind labels in a search, the snooze presets and reading a survey's answer.
import { describe, expect, it } from "vitest";
import { localTime, SNOOZE_PRESETS } from "@/app/(app)/inbox/_components/snooze-presets";
import { labelTerms } from "@/lib/inbox/search";
import { COMMENT_FIELD, RATING_FIELD, surveyAnswer } from "@/lib/satisfaction";

describe("label:name in a search", () => {
  it("takes out each label, quoted or not, and keeps the rest as the text", () => {
    expect(labelTerms('label:"VIP customer" parcel label:billing')).toEqual({ labels: ["VIP customer", "billing"], text: "parcel" });
    expect(labelTerms("Label:Urgent")).toEqual({ labels: ["Urgent"], text: "" });
    expect(labelTerms("no labels here")).toEqual({ labels: [], text: "no labels here" });
    // Only a whole word starting with label: is one.
    expect(labelTerms("relabel:x")).toEqual({ labels: [], text: "relabel:x" });
  });
});

describe("snooze presets", () => {
  const [hour, tomorrow, nextWeek] = SNOOZE_PRESETS;
  // A Wednesday, 15:30 in the process's time zone.
  const now = new Date(2026, 11, 2, 15, 30);

  it("are an hour on, tomorrow at 9:00 and next Monday at 9:00, in local time", () => {
    expect(hour!.until(now)).toEqual(new Date(2026, 11, 2, 16, 30));
    expect(tomorrow!.until(now)).toEqual(new Date(2026, 11, 3, 9, 0));
    expect(nextWeek!.until(now)).toEqual(new Date(2026, 11, 7, 9, 0));
    // On a Monday, next week is the Monday after.
    expect(nextWeek!.until(new Date(2026, 11, 7, 8, 0))).toEqual(new Date(2026, 11, 14, 9, 0));
  });

  it("read a custom time as local time, and nothing from an empty or invalid one", () => {
    expect(localTime("2026-12-24T18:45")).toEqual(new Date(2026, 11, 24, 18, 45));
    expect(localTime("")).toBeNull();
    expect(localTime("tomorrow")).toBeNull();
  });
});

describe("a survey's answer", () => {
  const fields = (rating: unknown, comment?: string) => [
    { type: "select", name: RATING_FIELD, label: "How satisfied?", select: rating === undefined ? [] : [{ name: rating, label: `${rating}` }] },
    ...(comment === undefined ? [] : [{ type: "text", name: COMMENT_FIELD, label: "Anything?", text: comment }]),
  ];

  it("is the rating chosen and the comment", () => {
    expect(surveyAnswer(fields("5", " Great "))).toEqual({ rating: 5, comment: "Great" });
    expect(surveyAnswer(fields("1"))).toEqual({ rating: 1, comment: null });
  });

  it("is nothing for another form, or a rating outside 1 to 5", () => {
    expect(surveyAnswer([{ type: "text", name: "email", label: "Email", text: "a@b.c" }])).toBeNull();
    expect(surveyAnswer(fields("6"))).toBeNull();
    expect(surveyAnswer(fields("2.5"))).toBeNull();
    expect(surveyAnswer(fields(undefined))).toBeNull();
    expect(surveyAnswer("not fields")).toBeNull();
  });
});
