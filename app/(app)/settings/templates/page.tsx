import type { Metadata } from "next";
import { memberForPage } from "@/lib/auth/require-member";
import { listMessageTemplates, parameterLines } from "@/lib/inbox";
import { DeleteTemplate } from "./DeleteTemplate";
import { TemplateForm } from "./TemplateForm";

export const metadata: Metadata = { title: "Templates" };

export default async function TemplatesPage() {
  const member = await memberForPage("admin", "/settings/templates");
  const templates = await listMessageTemplates(member);
  return (
    <div className="stack">
      <header className="page-header">
        <h1>Templates</h1>
        <p>
          WhatsApp templates agents in {member.organization.name} can send from the composer and when starting a conversation. WhatsApp
          delivers only an approved template to someone who has not written in the last 24 hours: name it exactly as approved.
        </p>
      </header>
      <section className="card" aria-labelledby="new-template-heading">
        <h2 id="new-template-heading">Add a template</h2>
        <TemplateForm />
      </section>
      {templates.map((template) => (
        <section key={template.id} className="card" aria-label={template.title}>
          <div className="spread">
            <h2>{template.title}</h2>
            <DeleteTemplate id={template.id} title={template.title} />
          </div>
          <p className="muted">
            {template.templateName} · {template.language} · {template.parameters.length} parameter{template.parameters.length === 1 ? "" : "s"}
          </p>
          <details>
            <summary>Edit</summary>
            <TemplateForm template={{ ...template, lines: parameterLines(template.parameters) }} />
          </details>
        </section>
      ))}
    </div>
  );
}
