"use client";
// The logo on the organization's connect pages: upload a small image, or remove it. Too large a file is refused here
// before it is sent (the server checks again, and checks what the bytes are).
import { useEffect, useRef, useState } from "react";
import { ActionMessage } from "@/app/_components/ActionMessage";
import { useFormAction } from "@/app/_components/use-form-action";
import { removeConnectLogoAction, setConnectLogoAction } from "./actions";

interface Props {
  logo: string | null;
  organizationName: string;
  /** The largest file the server keeps (lib/connections). */
  maxBytes: number;
  /** The image types the server keeps (lib/connections). */
  types: readonly string[];
}

export function ConnectLogoForm({ logo, organizationName, maxBytes, types }: Props) {
  const maxKb = maxBytes / 1024;
  const upload = useFormAction(setConnectLogoAction);
  const remove = useFormAction(removeConnectLogoAction);
  // One message at a time: what the last thing done answered (a later upload or removal replaces "Logo saved.").
  const [last, setLast] = useState<"upload" | "remove" | "too-large" | null>(null);
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const error = last === "too-large" ? tooLarge : last === "upload" ? upload.fieldErrors.logo?.join(" ") : undefined;

  // The remove button goes with the logo: focus moves to the file field rather than to the page.
  useEffect(() => {
    if (last === "remove" && remove.state?.ok) input.current?.focus();
  }, [last, remove.state]);

  return (
    <div className="stack" style={{ gap: "0.75rem" }}>
      {last === "upload" && <ActionMessage state={upload.state} />}
      {last === "remove" && <ActionMessage state={remove.state} />}
      {logo ? (
        // eslint-disable-next-line @next/next/no-img-element -- a data: URL the image optimizer has nothing to do for
        <img src={logo} alt={`${organizationName} logo`} className="auth-logo" />
      ) : (
        <p className="muted">No logo: the connect page shows your organization&apos;s name only.</p>
      )}
      <form
        {...upload.formProps}
        onSubmit={(event) => {
          const file = new FormData(event.currentTarget).get("logo");
          if (file instanceof File && file.size > maxBytes) {
            event.preventDefault();
            setTooLarge(`The logo must be at most ${maxKb} KB (this one is ${Math.ceil(file.size / 1024)} KB).`);
            setLast("too-large");
            return;
          }
          setLast("upload");
          upload.formProps.onSubmit(event);
        }}
      >
        <div className="field">
          <label htmlFor="connect-logo">Logo</label>
          <input
            ref={input}
            id="connect-logo"
            name="logo"
            type="file"
            accept={types.join(",")}
            required
            aria-describedby="connect-logo-hint"
            aria-invalid={error ? true : undefined}
          />
          <span className="hint" id="connect-logo-hint">
            PNG, JPEG, GIF or WebP, at most {maxKb} KB. Shown 48 px high above the page&apos;s title.
          </span>
          {error && (
            <span className="error" role="alert">
              {error}
            </span>
          )}
        </div>
        <button type="submit" className="button" disabled={upload.pending}>
          Upload logo
        </button>
      </form>
      {logo && (
        <form {...remove.formProps} onSubmit={(event) => (setLast("remove"), remove.formProps.onSubmit(event))}>
          <button type="submit" className="button secondary" disabled={remove.pending}>
            Remove logo
          </button>
        </form>
      )}
    </div>
  );
}
