"use client";
// The composer: a reply (text, buttons, an image or file attachment, saved replies, or a WhatsApp template) or an
// internal note. When WhatsApp refused the last reply for want of a template, it says so and offers the templates. Enter sends,
// Shift+Enter starts a new line, Escape leaves the box (so that the inbox's shortcuts work again). The reply shows
// in the thread at once and is sent by the outbox; the agent's typing is relayed to SunCo (throttled), and what they
// type is kept on the server as the conversation's draft. In a note, `@` offers the members who see the conversation;
// those picked are mentioned (and notified) while their `@name` stays in the text.
import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import type { SavedReply, ThreadMessage, ThreadNote } from "@/lib/inbox";
import type { MessageTemplate } from "@/lib/inbox/template-schemas";
import type { TemplateMessage } from "@/lib/outbox/schemas";
import { ACCEPTED_TYPES, checkAttachment, type AttachmentKind } from "@/lib/inbox/attachment-rules";
import type { SavedReplyValues } from "@/lib/inbox/saved-reply-variables";
import { contentOf } from "@/lib/outbox/content";
import { addNoteAction, saveDraftAction, sendMessageAction, typingAction } from "../actions";
import { actionsOf, ButtonEditor, type DraftButton } from "./ButtonEditor";
import styles from "./inbox.module.css";
import { insertMention, mentionAt, mentionedIn, mentionOptions, type Mentionable } from "./mentions";
import { SavedReplyPicker } from "./SavedReplyPicker";
import { TemplateFields } from "./TemplateFields";

/** typing:start again at most this often while typing goes on; typing:stop after this long without a key. */
const TYPING_REFRESH_MS = 4000;
const TYPING_PAUSE_MS = 2500;
const DRAFT_SAVE_MS = 800;

interface Attachment {
  file: File;
  kind: AttachmentKind;
  preview: string | null;
}

interface Props {
  conversationId: string;
  me: { id: string; name: string };
  initialDraft: string;
  savedReplies: SavedReply[];
  savedReplyValues: SavedReplyValues;
  templates: MessageTemplate[];
  /** SunCo's reason when the last reply was refused because the channel needs a template; null otherwise. */
  templateNeeded: string | null;
  /** The reply as the thread shows it until the server answers. */
  onOptimistic: (message: ThreadMessage) => void;
  onSent: (message: ThreadMessage) => void;
  onUnsent: (clientMessageId: string) => void;
  onNote: (note: ThreadNote) => void;
  /** Who a note may mention: the members who see the conversation (those it may be assigned to). */
  mentionable: Mentionable[];
}

async function upload(conversationId: string, file: File) {
  const form = new FormData();
  form.set("file", file);
  const response = await fetch(`/api/inbox/conversations/${conversationId}/attachments`, { method: "POST", body: form });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error?.message ?? "The file could not be uploaded.");
  return body as { kind: AttachmentKind; mediaUrl: string; mediaType: string; altText: string };
}

export function Composer(props: Props) {
  const { conversationId, me, initialDraft, savedReplies, savedReplyValues, templates, templateNeeded, onOptimistic, onSent, onUnsent, onNote, mentionable } = props;
  const [mode, setMode] = useState<"reply" | "note" | "template">("reply");
  const [template, setTemplate] = useState<TemplateMessage | null>(null);
  const [text, setText] = useState(initialDraft);
  const [buttons, setButtons] = useState<DraftButton[]>([]);
  const [attachment, setAttachment] = useState<Attachment | null>(null);
  const [busy, setBusy] = useState<null | "uploading" | "sending">(null);
  const [error, setError] = useState<string | null>(null);
  const [hint, setHint] = useState<string | null>(null);
  const box = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const typing = useRef<{ since: number; stop?: ReturnType<typeof setTimeout> } | null>(null);
  const draftTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [picked, setPicked] = useState<Mentionable[]>([]);
  const [mention, setMention] = useState<{ start: number; query: string } | null>(null);
  const [activeOption, setActiveOption] = useState(0);
  const options = mode === "note" && mention ? mentionOptions(mentionable, mention.query, me.id) : [];

  const stopTyping = useCallback(() => {
    if (!typing.current) return;
    clearTimeout(typing.current.stop);
    typing.current = null;
    void typingAction({ conversationId, typing: false });
  }, [conversationId]);

  useEffect(() => () => stopTyping(), [stopTyping]);
  useEffect(() => () => clearTimeout(draftTimer.current), []);

  const noteTyping = () => {
    const now = Date.now();
    if (!typing.current || now - typing.current.since > TYPING_REFRESH_MS) {
      clearTimeout(typing.current?.stop);
      typing.current = { since: now };
      void typingAction({ conversationId, typing: true });
    }
    clearTimeout(typing.current.stop);
    typing.current.stop = setTimeout(stopTyping, TYPING_PAUSE_MS);
  };

  const keepDraft = (value: string) => {
    clearTimeout(draftTimer.current);
    draftTimer.current = setTimeout(() => void saveDraftAction({ conversationId, text: value }), DRAFT_SAVE_MS);
  };

  const onChange = (value: string, caret = value.length) => {
    setText(value);
    setError(null);
    setMention(mode === "note" ? mentionAt(value, caret) : null);
    setActiveOption(0);
    if (mode === "reply") {
      keepDraft(value);
      if (value.trim()) noteTyping();
      else stopTyping();
    }
  };

  const chooseFile = (file: File | undefined) => {
    if (!file) return;
    const checked = checkAttachment(file);
    if ("error" in checked) {
      setError(checked.error);
      return;
    }
    setError(null);
    setAttachment({ file, kind: checked.kind, preview: checked.kind === "image" ? URL.createObjectURL(file) : null });
  };

  const clearAttachment = () => {
    if (attachment?.preview) URL.revokeObjectURL(attachment.preview);
    setAttachment(null);
    if (fileInput.current) fileInput.current.value = "";
  };

  const addNote = async () => {
    const mentions = mentionedIn(text, picked).map((member) => member.id);
    const result = await addNoteAction({ conversationId, text, mentions });
    if (!result.ok) throw new Error(result.fieldErrors?.text?.[0] ?? result.error);
    onNote(result.data);
    setText("");
    setPicked([]);
    setMention(null);
  };

  const sendReply = async () => {
    const clientMessageId = crypto.randomUUID();
    const sent = { text, buttons, attachment };
    let uploaded: Awaited<ReturnType<typeof upload>> | undefined;
    if (attachment) {
      setBusy("uploading");
      uploaded = await upload(conversationId, attachment.file);
      setBusy("sending");
    }
    const chosen = mode === "template" ? template : null;
    const input = chosen
      ? { clientMessageId, conversationId, text: "", actions: [], template: chosen }
      : {
          clientMessageId,
          conversationId,
          text,
          actions: actionsOf(buttons),
          ...(uploaded ? { attachment: { kind: uploaded.kind, mediaUrl: uploaded.mediaUrl, altText: uploaded.altText } } : {}),
        };
    // What the outbox will send, shown with the local preview of an image until SunCo's copy arrives.
    const content = contentOf(
      "attachment" in input && input.attachment
        ? { ...input, attachment: { ...input.attachment, mediaUrl: attachment?.preview ?? input.attachment.mediaUrl } }
        : input,
    );
    onOptimistic({
      kind: "message",
      id: `pending-${clientMessageId}`,
      conversationId,
      clientMessageId,
      suncoMessageId: null,
      authorType: "business",
      authorDisplayName: me.name,
      authorAvatarUrl: null,
      contentType: content.type,
      content,
      text: chosen ? chosen.bodyParameters.join(" ") : text.trim(),
      sourceType: null,
      deleted: false,
      receivedAt: new Date().toISOString(),
      deliveryStatus: "sending",
      deliveryError: null,
      retryable: false,
    });
    if (chosen) setMode("reply");
    else {
      setText("");
      setButtons([]);
      setAttachment(null);
    }
    stopTyping();
    clearTimeout(draftTimer.current);
    const result = await sendMessageAction(input);
    if (result.ok) {
      onSent(result.data);
      return;
    }
    // Not stored: the reply goes back into the composer, with what needs fixing.
    onUnsent(clientMessageId);
    setText(sent.text);
    setButtons(sent.buttons);
    setAttachment(sent.attachment);
    const fields = Object.entries(result.fieldErrors ?? {}).map(([field, messages]) => `${field}: ${messages.join(", ")}`);
    throw new Error(fields.length > 0 ? fields.join("; ") : result.error);
  };

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy || (mode === "template" ? !template : !text.trim() && !(mode === "reply" && attachment))) return;
    setError(null);
    setHint(null);
    setBusy("sending");
    try {
      await (mode === "note" ? addNote() : sendReply());
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(null);
      box.current?.focus();
    }
  };

  const pickMention = (member: Mentionable) => {
    if (!mention) return;
    const next = insertMention(text, mention, member);
    setText(next.text);
    setPicked((current) => [...current, member]);
    setMention(null);
    requestAnimationFrame(() => box.current?.setSelectionRange(next.caret, next.caret));
    box.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (options.length > 0) {
      const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1 };
      if (event.key in moves) {
        event.preventDefault();
        setActiveOption((activeOption + moves[event.key]! + options.length) % options.length);
        return;
      }
      if (event.key === "Enter" || event.key === "Tab") {
        event.preventDefault();
        pickMention(options[Math.min(activeOption, options.length - 1)]!);
        return;
      }
      if (event.key === "Escape") {
        event.preventDefault();
        setMention(null);
        return;
      }
    }
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit();
    } else if (event.key === "Escape") {
      event.currentTarget.blur();
    }
  };

  const insert = (inserted: string, missing: string[]) => {
    const value = text.trim() ? `${text.replace(/\s+$/, "")}\n${inserted}` : inserted;
    onChange(value);
    setHint(missing.length > 0 ? `No value for ${missing.map((name) => `{{${name}}}`).join(", ")}: check the reply before sending.` : null);
    box.current?.focus();
  };

  const note = mode === "note";
  const templateMode = mode === "template";
  return (
    <form className={`${styles.composer} ${note ? styles.noteMode : ""}`} onSubmit={submit} aria-label="Composer">
      <div className={styles.composerModes} role="group" aria-label="Write">
        <button type="button" className={`button small ${mode === "reply" ? "" : "secondary"}`} aria-pressed={mode === "reply"} onClick={() => setMode("reply")}>
          Reply
        </button>
        <button type="button" className={`button small ${templateMode ? "" : "secondary"}`} aria-pressed={templateMode} onClick={() => (stopTyping(), setMode("template"))}>
          Template
        </button>
        <button type="button" className={`button small ${note ? "" : "secondary"}`} aria-pressed={note} onClick={() => (stopTyping(), setMode("note"))}>
          Internal note
        </button>
      </div>
      {templateNeeded && !templateMode && (
        <div className="alert warning" role="status" style={{ marginBottom: 0 }}>
          The channel refused the last reply: {templateNeeded} Outside 24 hours of the customer&apos;s last message, WhatsApp delivers only an
          approved template.{" "}
          <button type="button" className="link-button" onClick={() => setMode("template")}>
            Send a template
          </button>
        </div>
      )}
      {templateMode && <TemplateFields templates={templates} idPrefix="composer" onChange={setTemplate} className={styles.templateFields} />}
      <label htmlFor="composer-text" className="visually-hidden">
        {note ? "Internal note" : "Reply"}
      </label>
      <textarea
        hidden={templateMode}
        id="composer-text"
        ref={box}
        rows={3}
        value={text}
        placeholder={note ? "A note for your team; the end user never sees it" : "Write a reply… (Enter sends, Shift+Enter for a new line)"}
        onChange={(event) => onChange(event.target.value, event.target.selectionStart)}
        onKeyDown={onKeyDown}
        aria-autocomplete={note ? "list" : undefined}
        aria-controls={options.length > 0 ? "mention-options" : undefined}
        aria-activedescendant={options.length > 0 ? `mention-option-${Math.min(activeOption, options.length - 1)}` : undefined}
        onBlur={stopTyping}
        aria-describedby="composer-help"
        aria-invalid={error ? true : undefined}
      />
      {options.length > 0 && (
        <ul id="mention-options" role="listbox" aria-label="Mention a member" className={styles.mentionOptions}>
          {options.map((member, i) => (
            <li
              key={member.id}
              id={`mention-option-${i}`}
              role="option"
              aria-selected={i === Math.min(activeOption, options.length - 1)}
              onMouseDown={(event) => (event.preventDefault(), pickMention(member))}
            >
              {member.name}
            </li>
          ))}
        </ul>
      )}
      {mode === "reply" && buttons.length > 0 && <ButtonEditor buttons={buttons} onChange={setButtons} />}
      {mode === "reply" && attachment && (
        <div className={styles.attachmentPreview}>
          {/* eslint-disable-next-line @next/next/no-img-element -- a local preview of the file about to be uploaded */}
          {attachment.preview ? <img src={attachment.preview} alt="" /> : <span aria-hidden="true">📎</span>}
          <span>
            {attachment.file.name} ({Math.max(1, Math.round(attachment.file.size / 1024))} KB)
          </span>
          <button type="button" className="button secondary small" onClick={clearAttachment}>
            Remove attachment
          </button>
        </div>
      )}
      {error && (
        <p className={styles.error} role="alert">
          {error}
        </p>
      )}
      {hint && (
        <p className={styles.hint} role="status">
          {hint}
        </p>
      )}
      <div className={styles.composerBar}>
        {mode === "reply" && (
          <>
            <button type="button" className="button secondary small" onClick={() => setButtons([...buttons, { type: "reply", text: "", value: "" }])}>
              Add button
            </button>
            {/* The input itself takes the focus (its label looks like a button), so the keyboard reaches it. */}
            <span className={styles.fileButton}>
              <input
                ref={fileInput}
                id="composer-file"
                type="file"
                className="visually-hidden"
                accept={ACCEPTED_TYPES}
                onChange={(event) => chooseFile(event.target.files?.[0])}
              />
              <label htmlFor="composer-file" className="button secondary small">
                Attach file
              </label>
            </span>
            <SavedReplyPicker replies={savedReplies} values={savedReplyValues} onInsert={insert} />
          </>
        )}
        <span className={styles.spacer} />
        <span id="composer-help" className={styles.hint}>
          {busy === "uploading" ? "Uploading…" : busy === "sending" ? "Sending…" : note ? "Only your team sees notes; @ mentions a teammate" : ""}
        </span>
        <button type="submit" className="button small" disabled={busy !== null || (templateMode && !template)}>
          {note ? "Add note" : templateMode ? "Send template" : "Send"}
        </button>
      </div>
    </form>
  );
}
