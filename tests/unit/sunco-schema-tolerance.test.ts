// What SunCo sends may outgrow the spec (new channel, client and content types); what we send may not.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { clientSchema, integrationSchema, messagePostBodySchema, messageSchema } from "@/lib/sunco/schemas";

const message = (content: object) => ({
  id: "5f74a0d52b5315fc007e798a",
  received: "2026-11-26T10:00:00.000Z",
  author: { type: "user", userId: "5f74a0d52b5315fc007e7989", subtypes: ["copilot"] },
  content,
});

describe("SunCo responses", () => {
  it("parse a content type, author subtype, client type or integration type added after the spec", () => {
    expect(messageSchema.parse(message({ type: "reaction", emoji: "👍" })).content).toMatchObject({ type: "reaction", emoji: "👍" });
    expect(clientSchema.parse({ id: "c1", type: "googlebusiness", status: "suspended" })).toMatchObject({ type: "googlebusiness" });
    expect(integrationSchema.parse({ id: "i1", type: "googlercs", status: "active" })).toMatchObject({ type: "googlercs" });
  });

  it("still check known types in full", () => {
    expect(messageSchema.parse(message({ type: "text", text: "hi" })).content).toEqual({ type: "text", text: "hi" });
    expect(messageSchema.safeParse(message({ type: "image" })).success).toBe(false);
    expect(integrationSchema.safeParse({ id: "i1", type: "custom", webhooks: "nope" }).success).toBe(false);
  });

  it("check a quote and the quote's own quote, and let deeper quotes through, so message pages compile", () => {
    const quoting = (quoted: object) => ({ ...message({ type: "text", text: "re" }), quotedMessage: { type: "message", message: quoted } });
    const unreadable = message({ type: "image" });
    const twoDeep = quoting(quoting(message({ type: "text", text: "first" })));
    expect(messageSchema.parse(twoDeep).quotedMessage).toMatchObject({ message: { quotedMessage: { message: { content: { text: "first" } } } } });
    expect(messageSchema.safeParse(quoting(unreadable)).success).toBe(false);
    expect(messageSchema.safeParse(quoting(quoting(unreadable))).success).toBe(false);
    expect(messageSchema.safeParse(quoting(quoting(quoting(unreadable)))).success).toBe(true);
    expect(z.compile(messageSchema)).not.toBe(messageSchema);
  });
});

describe("requests we send", () => {
  it("refuse a content type the spec does not define", () => {
    const body = { author: { type: "business" }, content: { type: "reaction", emoji: "👍" } };
    expect(messagePostBodySchema.safeParse(body).success).toBe(false);
  });
});
