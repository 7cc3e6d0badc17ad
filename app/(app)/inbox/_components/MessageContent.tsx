// The body of a message, for every SunCo content type (text, image, file, carousel, list, location, form,
// formResponse, template) with the buttons the end user sees. Buttons are shown, not pressed: they are the end
// user's to tap; link buttons open. Media and links are only followed when they are http(s) addresses.
// The message-text module itself (no server code), not lib/conversations' index: this renders in the browser.
import { templateSummary } from "@/lib/conversations/message-text";
import { safeHref } from "@/lib/inbox/markdown";
// The survey's own module (no server code), not lib/satisfaction's index: this renders in the browser.
import { RATING_FIELD, surveyAnswer } from "@/lib/satisfaction/survey-form";
import styles from "./inbox.module.css";
import { Markdown } from "./Markdown";

type Json = Record<string, unknown>;
interface Action {
  type: string;
  text?: string;
  uri?: string;
  payload?: string;
  amount?: number;
  currency?: string;
}
interface Item {
  title?: string;
  description?: string;
  mediaUrl?: string;
  altText?: string;
  actions?: Action[];
}

const httpUrl = (value: unknown) => (typeof value === "string" && /^https?:\/\//i.test(value) ? value : null);
const str = (value: unknown) => (typeof value === "string" ? value : null);

const ACTION_LABELS: Record<string, string> = {
  reply: "Reply button",
  postback: "Postback button",
  buy: "Buy button",
  locationRequest: "Location request",
  link: "Link",
  webview: "Web view",
};

function Actions({ actions }: { actions: Action[] | undefined }) {
  if (!actions?.length) return null;
  return (
    <div className={styles.actions} role="group" aria-label="Buttons the end user sees">
      {actions.map((action, index) => {
        const href = action.uri ? safeHref(action.uri) : null;
        const label = `${ACTION_LABELS[action.type] ?? action.type}: ${action.text ?? ""}`;
        if ((action.type === "link" || action.type === "webview") && href) {
          return (
            <a key={index} className={styles.chip} href={href} target="_blank" rel="noopener noreferrer nofollow" title={label}>
              {action.text} ↗
            </a>
          );
        }
        const price = action.type === "buy" && action.amount !== undefined ? ` (${(action.amount / 100).toFixed(2)} ${action.currency?.toUpperCase() ?? ""})` : "";
        return (
          <span key={index} className={styles.chip} title={label}>
            {action.type === "reply" ? "↩ " : action.type === "locationRequest" ? "📍 " : ""}
            {action.text}
            {price}
          </span>
        );
      })}
    </div>
  );
}

function Media({ content, fallback }: { content: Json; fallback: string }) {
  const src = httpUrl(content.mediaUrl);
  if (!src) return <p className={styles.hint}>{fallback} (no address)</p>;
  return (
    <a href={src} target="_blank" rel="noopener noreferrer nofollow">
      {/* eslint-disable-next-line @next/next/no-img-element -- media lives on SunCo's or the sender's host */}
      <img className={styles.media} src={src} alt={str(content.altText) ?? fallback} loading="lazy" referrerPolicy="no-referrer" />
    </a>
  );
}

function sizeOf(bytes: unknown) {
  if (typeof bytes !== "number") return "";
  return bytes < 1024 * 1024 ? ` · ${Math.max(1, Math.round(bytes / 1024))} KB` : ` · ${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function Caption({ content }: { content: Json }) {
  const text = str(content.text);
  return text ? <Markdown text={text} /> : null;
}

function Items({ items }: { items: Item[] }) {
  return (
    <div className={styles.items}>
      {items.map((item, index) => (
        <div key={index} className={styles.card}>
          {httpUrl(item.mediaUrl) && (
            // eslint-disable-next-line @next/next/no-img-element -- media lives on the sender's host
            <img src={httpUrl(item.mediaUrl)!} alt={item.altText ?? ""} loading="lazy" referrerPolicy="no-referrer" />
          )}
          <strong>{item.title}</strong>
          {item.description && <div className={styles.hint}>{item.description}</div>}
          <Actions actions={item.actions} />
        </div>
      ))}
    </div>
  );
}

interface FormField {
  type?: string;
  name?: string;
  label?: string;
  text?: string;
  email?: string;
  select?: { label?: string; name?: string }[];
}

function fieldValue(field: FormField) {
  return field.text ?? field.email ?? field.select?.map((option) => option.label ?? option.name).join(", ") ?? "—";
}

export function MessageContent({ content, text }: { content: unknown; text: string }) {
  const c = (content ?? {}) as Json;
  switch (c.type) {
    case "text":
      return (
        <>
          <Markdown text={str(c.text) ?? text} />
          <Actions actions={c.actions as Action[]} />
          {/* The end user tapped a reply button: its payload is what a bot would act on, so the agent sees it too. */}
          {str(c.payload) && <p className={styles.payload}>Tapped a reply button · payload “{str(c.payload)}”</p>}
        </>
      );
    case "image":
      return (
        <>
          <Media content={c} fallback="Image" />
          <Caption content={c} />
          <Actions actions={c.actions as Action[]} />
        </>
      );
    case "file": {
      const href = httpUrl(c.mediaUrl);
      const name = str(c.altText) ?? "File";
      return (
        <>
          <p>
            📎{" "}
            {href ? (
              <a href={href} target="_blank" rel="noopener noreferrer nofollow">
                {name}
              </a>
            ) : (
              name
            )}
            <span className={styles.hint}>
              {str(c.mediaType) ? ` · ${c.mediaType}` : ""}
              {sizeOf(c.mediaSize)}
            </span>
          </p>
          <Caption content={c} />
        </>
      );
    }
    case "carousel":
      return <Items items={(c.items as Item[]) ?? []} />;
    case "list":
      return (
        <>
          <Items items={(c.items as Item[]) ?? []} />
          <Actions actions={c.actions as Action[]} />
        </>
      );
    case "location": {
      const coordinates = c.coordinates as { lat?: number; long?: number } | undefined;
      const place = c.location as { name?: string; address?: string } | undefined;
      const label = [place?.name, place?.address].filter(Boolean).join(", ") || "Shared location";
      return (
        <p>
          📍{" "}
          {coordinates?.lat !== undefined && coordinates.long !== undefined ? (
            <a href={`https://www.openstreetmap.org/?mlat=${coordinates.lat}&mlon=${coordinates.long}#map=16/${coordinates.lat}/${coordinates.long}`} target="_blank" rel="noopener noreferrer nofollow">
              {label}
            </a>
          ) : (
            label
          )}
          {coordinates?.lat !== undefined && <span className={styles.hint}> ({coordinates.lat}, {coordinates.long})</span>}
        </p>
      );
    }
    case "form": {
      const fields = (c.fields as FormField[]) ?? [];
      if (isSurveyForm(fields)) {
        return <p className={styles.hint}>Satisfaction survey sent{c.submitted ? " (answered)" : ""}: a rating from 1 to 5 and a comment.</p>;
      }
      return (
        <>
          {str(c.text) && <Markdown text={str(c.text)!} />}
          <p className={styles.hint}>Form{c.submitted ? " (answered)" : ""}: {fields.map((field) => field.label).join(", ")}</p>
        </>
      );
    }
    case "formResponse": {
      const fields = (c.fields as FormField[]) ?? [];
      const survey = surveyAnswer(fields);
      if (survey) return <SurveyRating {...survey} />;
      return (
        <dl className={styles.fields} aria-label="Form answers">
          {fields.map((field, index) => (
            <div key={index} style={{ display: "contents" }}>
              <dt>{field.label}</dt>
              <dd>{fieldValue(field)}</dd>
            </div>
          ))}
        </dl>
      );
    }
    case "template": {
      const { name, language, filled } = templateSummary(c.template);
      return (
        <p>
          WhatsApp template <strong>{name ?? "(unnamed)"}</strong>
          {language && <span className={styles.hint}> ({language})</span>}
          {filled.length > 0 && <span> · {filled.join(" · ")}</span>}
        </p>
      );
    }
    default:
      return <Markdown text={text || "(a message Sunbridge cannot show)"} />;
  }
}

const isSurveyForm = (fields: FormField[]) => fields.some((field) => field.name === RATING_FIELD);

/** The end user's answer to the satisfaction survey, as a rating rather than form fields. */
function SurveyRating({ rating, comment }: { rating: number; comment: string | null }) {
  return (
    <div className={styles.rating} data-testid="satisfaction-rating">
      <p>
        <span aria-hidden="true" className={styles.stars}>
          {"★".repeat(rating)}
          {"☆".repeat(5 - rating)}
        </span>{" "}
        <strong>Rated {rating} out of 5</strong>
      </p>
      {comment && <p>“{comment}”</p>}
    </div>
  );
}
