"use client";
// Picking one of the organization's WhatsApp templates and filling in its parameters (each prefilled with its default),
// for the composer and the "New conversation" dialog. Tells the caller the template message to send, or null.
import Link from "next/link";
import { useEffect, useState } from "react";
import type { MessageTemplate } from "@/lib/inbox/template-schemas";
import type { TemplateMessage } from "@/lib/outbox/schemas";

interface Props {
  templates: MessageTemplate[];
  idPrefix: string;
  onChange: (message: TemplateMessage | null) => void;
  /** The caller's layout for the fields (the composer lays them out in columns); a stack by default. */
  className?: string;
}

const defaultsOf = (template: MessageTemplate | undefined) => template?.parameters.map((parameter) => parameter.default) ?? [];

function messageOf(template: MessageTemplate, values: string[]): TemplateMessage {
  const of = (component: "header" | "body") => template.parameters.flatMap((parameter, i) => (parameter.component === component ? [values[i] ?? ""] : []));
  return { name: template.templateName, language: template.language, headerParameters: of("header"), bodyParameters: of("body") };
}

export function TemplateFields({ templates, idPrefix, onChange, className = "stack" }: Props) {
  const [templateId, setTemplateId] = useState(templates[0]?.id ?? "");
  const template = templates.find((candidate) => candidate.id === templateId);
  const [values, setValues] = useState<string[]>(() => defaultsOf(template));

  useEffect(() => onChange(template ? messageOf(template, values) : null), [template, values, onChange]);

  if (templates.length === 0) {
    return (
      <p className="hint">
        No templates yet. Owners and admins add them under <Link href="/settings/templates">Settings → Templates</Link>.
      </p>
    );
  }
  return (
    <fieldset className={className} style={{ gap: "0.5rem", border: 0, padding: 0, margin: 0, minWidth: 0 }}>
      <div className="field">
        <label htmlFor={`${idPrefix}-template`}>Template</label>
        <select
          id={`${idPrefix}-template`}
          value={templateId}
          onChange={(event) => {
            const chosen = templates.find((candidate) => candidate.id === event.target.value);
            setTemplateId(event.target.value);
            setValues(defaultsOf(chosen));
          }}
        >
          {templates.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.title} ({candidate.templateName}, {candidate.language})
            </option>
          ))}
        </select>
      </div>
      {template?.parameters.map((parameter, index) => (
        <div className="field" key={`${template.id}-${index}`}>
          <label htmlFor={`${idPrefix}-parameter-${index}`}>
            {parameter.label} <span className="hint">({parameter.component})</span>
          </label>
          <input
            id={`${idPrefix}-parameter-${index}`}
            value={values[index] ?? ""}
            required
            maxLength={1024}
            onChange={(event) => setValues(values.map((value, i) => (i === index ? event.target.value : value)))}
          />
        </div>
      ))}
    </fieldset>
  );
}
