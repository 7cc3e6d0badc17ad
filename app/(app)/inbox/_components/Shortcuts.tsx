"use client";
// The inbox's keyboard: j / k move through the list, Enter opens (the rows are links), / searches, e resolves the
// open conversation and moves on to the next, x selects it for bulk actions, ? lists the shortcuts. Keys typed into a field are the field's.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { setStatusAction } from "../actions";
import styles from "./inbox.module.css";

const SHORTCUTS: [string, string][] = [
  ["j", "Next conversation"],
  ["k", "Previous conversation"],
  ["Enter", "Open the selected conversation"],
  ["/", "Search"],
  ["e", "Resolve the open conversation and move on"],
  ["x", "Select the conversation for bulk actions (Shift+X: the range from the last one)"],
  ["?", "Show these shortcuts"],
  ["Enter", "In the reply box: send (Shift+Enter for a new line)"],
  ["Esc", "Leave the reply box"],
];

const rows = () => [...document.querySelectorAll<HTMLAnchorElement>("#conversation-list a[data-conversation-id]")];

function typingInField(target: EventTarget | null) {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLElement && target.isContentEditable)
  );
}

export function Shortcuts({ openId }: { openId: string | null }) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [announcement, setAnnouncement] = useState("");

  useEffect(() => {
    const move = (step: 1 | -1) => {
      const links = rows();
      if (links.length === 0) return;
      const focused = links.indexOf(document.activeElement as HTMLAnchorElement);
      const open = links.findIndex((link) => link.dataset.conversationId === openId);
      const from = focused >= 0 ? focused : open;
      const to = from < 0 ? (step === 1 ? 0 : links.length - 1) : Math.min(links.length - 1, Math.max(0, from + step));
      links[to]!.focus();
      links[to]!.scrollIntoView({ block: "nearest" });
    };

    const resolveAndMoveOn = async () => {
      const links = rows();
      const focused = links.indexOf(document.activeElement as HTMLAnchorElement);
      const index = focused >= 0 ? focused : links.findIndex((link) => link.dataset.conversationId === openId);
      const current = links[index];
      const conversationId = current?.dataset.conversationId ?? openId;
      if (!conversationId) return;
      const next = links[index + 1] ?? links[index - 1];
      const result = await setStatusAction({ conversationId, status: "resolved" });
      if (!result.ok) {
        setAnnouncement(result.error);
        return;
      }
      setAnnouncement(`Resolved ${current?.querySelector("span")?.textContent ?? "the conversation"}.`);
      if (next) {
        next.focus();
        router.push(next.getAttribute("href")!);
      }
    };

    /** Ticks the focused (or open) row's checkbox, as a click would: with shift, a range. */
    const toggleSelection = (range: boolean) => {
      const links = rows();
      const focused = links.indexOf(document.activeElement as HTMLAnchorElement);
      const id = (focused >= 0 ? links[focused]!.dataset.conversationId : undefined) ?? openId;
      const box = id ? document.querySelector<HTMLInputElement>(`input[data-select-conversation="${id}"]`) : null;
      box?.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, shiftKey: range }));
    };

    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typingInField(event.target)) return;
      if (dialog.current?.open) return;
      switch (event.key) {
        case "j":
          move(1);
          break;
        case "k":
          move(-1);
          break;
        case "/":
          document.getElementById("inbox-search")?.focus();
          break;
        case "x":
        case "X":
          toggleSelection(event.shiftKey);
          break;
        case "e":
          void resolveAndMoveOn();
          break;
        case "?":
          dialog.current?.showModal();
          break;
        default:
          return;
      }
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [openId, router]);

  return (
    <>
      <button type="button" className="link-button" onClick={() => dialog.current?.showModal()} aria-keyshortcuts="?">
        Shortcuts
      </button>
      <span className="visually-hidden" role="status">
        {announcement}
      </span>
      <dialog ref={dialog} className={styles.dialog} aria-labelledby="shortcuts-title">
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <table>
          <tbody>
            {SHORTCUTS.map(([key, what], index) => (
              <tr key={index}>
                <td>
                  <kbd>{key}</kbd>
                </td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <form method="dialog">
          <button type="submit" className="button small" autoFocus>
            Close
          </button>
        </form>
      </dialog>
    </>
  );
}
