// The simulator shows a WhatsApp template as the end user's WhatsApp would, parameters filled in, and says why
// WhatsApp would refuse an unknown template or one with the wrong number of parameters.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MessageView } from "@/app/sandbox/simulator/_components/MessageView";
import { renderTemplate } from "@/lib/sandbox/whatsapp-templates";

const text = (value: string) => ({ type: "text", text: value });

describe("a WhatsApp template in the sandbox", () => {
  it("fills the header, body and buttons with the components' parameters", () => {
    expect(
      renderTemplate({
        name: "appointment_reminder",
        language: { policy: "deterministic", code: "en_US" },
        components: [
          { type: "header", parameters: [{ type: "date_time", date_time: { fallback_value: "May 4" } }] },
          { type: "body", parameters: [text("Ada"), text("Dr Grace"), { type: "date_time", date_time: { fallback_value: "10:30" } }] },
        ],
      }),
    ).toEqual({
      name: "appointment_reminder",
      language: "en_US",
      header: "Appointment on May 4",
      body: "Hi Ada, this is a reminder of your appointment with Dr Grace, at 10:30.",
      buttons: ["Confirm", "Reschedule"],
    });
  });

  it("reads the spec example's `component` list and media headers", () => {
    const rendered = renderTemplate({
      name: "hello_world",
      language: { code: "en_US" },
      component: [
        { type: "header", parameters: [{ type: "image", image: { link: "https://image.jpg" } }] },
        { type: "body", parameters: [text("My User Name"), text("My Agent Name")] },
      ],
    });
    expect(rendered).toMatchObject({ header: "[image: https://image.jpg]", body: "Hello My User Name, this is My Agent Name. How can we help you today?" });
    expect(rendered.problem).toBeUndefined();
  });

  it("says what WhatsApp would answer to an unknown template, a missing language or a wrong parameter count", () => {
    expect(renderTemplate({ name: "no_such_template", language: { code: "en" } }).problem).toBe(
      "(#132001) Template name does not exist in the translation",
    );
    expect(renderTemplate({ name: "order_update", language: { code: "de" } }).problem).toMatch(/132001/);
    const short = renderTemplate({ name: "order_update", language: { code: "en" }, components: [{ type: "body", parameters: [text("#42")] }] });
    expect(short).toMatchObject({ body: "Your order #42 has shipped and should arrive on {{2}}.", problem: expect.stringMatching(/132000/) });
  });

  it("shows in the simulator with its parameters filled in", () => {
    const html = renderToStaticMarkup(
      createElement(MessageView, {
        message: {
          id: "m1",
          received: "2026-12-05T00:00:00.000Z",
          author: { type: "business" },
          content: {
            type: "template",
            template: { name: "order_update", language: { code: "en" }, components: [{ type: "body", parameters: [text("#42"), text("Friday")] }] },
          },
        },
        onButton: () => {},
        onForm: () => {},
        onShareLocation: () => {},
      }),
    );
    expect(html).toContain("Your order #42 has shipped and should arrive on Friday.");
    expect(html).toContain("WhatsApp template order_update (en)");
    expect(html).not.toContain("Not delivered");
  });
});
