"use client";
// One message as the Web Messenger renders it: text, media, buttons, carousel and list items, forms, locations.
import type { FormEvent } from "react";
import styles from "../../_components/sandbox.module.css";
import { renderTemplate } from "@/lib/sandbox/whatsapp-templates";
import type { Action, Message } from "./control";

interface Props {
  message: Message;
  onButton: (payloadOrText: string) => void;
  onForm: (values: Record<string, string>) => void;
  onShareLocation: () => void;
}

export function MessageView({ message, onButton, onForm, onShareLocation }: Props) {
  const { content, author } = message;
  const fromUser = author.type === "user";
  return (
    <article className={`${styles.message} ${fromUser ? styles.user : ""}`} aria-label={fromUser ? "You" : (author.displayName ?? "Business")}>
      <div className={styles.author}>{fromUser ? "You" : (author.displayName ?? "Business")}</div>
      <Body message={message} />
      {content.items && (
        <div className={styles.items}>
          {content.items.map((item, index) => (
            <div key={index} className={styles.item}>
              {/* eslint-disable-next-line @next/next/no-img-element -- media comes from any host the business names */}
              {item.mediaUrl && <img className={styles.media} src={item.mediaUrl} alt="" referrerPolicy="no-referrer" />}
              <strong>{item.title}</strong>
              {item.description && <div className={styles.muted}>{item.description}</div>}
              <Actions actions={item.actions ?? []} onButton={onButton} onShareLocation={onShareLocation} />
            </div>
          ))}
        </div>
      )}
      {content.actions && <Actions actions={content.actions} onButton={onButton} onShareLocation={onShareLocation} />}
      {content.type === "form" && <Form message={message} onForm={onForm} />}
    </article>
  );
}

function Body({ message: { content } }: { message: Message }) {
  switch (content.type) {
    case "image":
      return (
        <>
          {/* eslint-disable-next-line @next/next/no-img-element -- media comes from any host the business names */}
          <img className={styles.media} src={content.mediaUrl} alt={content.altText ?? "Image"} referrerPolicy="no-referrer" />
          {content.text && <div className={styles.text}>{content.text}</div>}
        </>
      );
    case "file":
      return (
        <>
          <a href={content.mediaUrl} target="_blank" rel="noreferrer">
            {content.altText ?? "Download file"}
          </a>
          {content.text && <div className={styles.text}>{content.text}</div>}
        </>
      );
    case "location": {
      const { lat, long } = content.coordinates!;
      return (
        <a href={`https://maps.google.com/maps?q=${lat},${long}`} target="_blank" rel="noreferrer">
          {content.location?.name ?? content.location?.address ?? `Location ${lat}, ${long}`}
        </a>
      );
    }
    case "formResponse":
      return <div className={styles.text}>{content.textFallback}</div>;
    case "template":
      return <TemplateBody template={content.template} />;
    case "carousel":
    case "list":
      // Their items show instead of the fallback text.
      return null;
    default:
      return content.text ? <div className={styles.text}>{content.text}</div> : null;
  }
}

/** A WhatsApp template as the end user's WhatsApp shows it, its parameters filled in. */
function TemplateBody({ template }: { template: Message["content"]["template"] }) {
  const rendered = renderTemplate(template);
  return (
    <div className={styles.template} aria-label={`WhatsApp template ${rendered.name}`}>
      <div className={styles.muted}>
        WhatsApp template {rendered.name} ({rendered.language})
      </div>
      {rendered.header && <strong className={styles.text}>{rendered.header}</strong>}
      <div className={styles.text}>{rendered.body}</div>
      {rendered.footer && <div className={styles.muted}>{rendered.footer}</div>}
      {rendered.buttons.length > 0 && (
        <div className={styles.actions}>
          {rendered.buttons.map((button) => (
            <span key={button} className="button secondary small">
              {button}
            </span>
          ))}
        </div>
      )}
      {rendered.problem && <div className={styles.muted}>Not delivered on WhatsApp: {rendered.problem}</div>}
    </div>
  );
}

function Actions({ actions, onButton, onShareLocation }: { actions: Action[]; onButton: (key: string) => void; onShareLocation: () => void }) {
  if (actions.length === 0) return null;
  return (
    <div className={styles.actions}>
      {actions.map((action, index) => {
        switch (action.type) {
          case "reply":
          case "postback":
            return (
              <button key={index} type="button" className="button secondary small" onClick={() => onButton(action.payload ?? action.text)}>
                {action.text}
              </button>
            );
          case "locationRequest":
            return (
              <button key={index} type="button" className="button secondary small" onClick={onShareLocation}>
                {action.text}
              </button>
            );
          case "link":
          case "webview":
            return (
              <a key={index} className="button secondary small" href={action.uri} target="_blank" rel="noreferrer">
                {action.text}
              </a>
            );
          default:
            return (
              <button key={index} type="button" className="button secondary small" disabled title="Payments are not simulated">
                {action.text}
              </button>
            );
        }
      })}
    </div>
  );
}

function Form({ message, onForm }: { message: Message; onForm: (values: Record<string, string>) => void }) {
  const { fields = [], submitted } = message.content;
  if (submitted) return <p className={styles.muted}>Form submitted</p>;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onForm(Object.fromEntries([...new FormData(event.currentTarget)].map(([name, value]) => [name, String(value)])));
  };
  return (
    <form className={styles.form} onSubmit={onSubmit} aria-label="Form">
      {fields.map((field) => {
        const id = `${message.id}-${field.name}`;
        return (
          <div key={field.name} className="field">
            <label htmlFor={id}>{field.label}</label>
            {field.type === "select" ? (
              <select id={id} name={field.name} required>
                {field.options?.map((option) => (
                  <option key={option.name} value={option.name}>
                    {option.label}
                  </option>
                ))}
              </select>
            ) : (
              <input id={id} name={field.name} type={field.type === "email" ? "email" : "text"} placeholder={field.placeholder} required />
            )}
          </div>
        );
      })}
      <button type="submit" className="button small">
        Submit
      </button>
    </form>
  );
}
