import type { Metadata } from "next";
import { memberForPage } from "@/lib/auth/require-member";
import { listSavedReplies, SAVED_REPLY_VARIABLES } from "@/lib/inbox";
import { DeleteSavedReply } from "./DeleteSavedReply";
import { SavedReplyForm } from "./SavedReplyForm";

export const metadata: Metadata = { title: "Saved replies" };

export default async function SavedRepliesPage() {
  const member = await memberForPage("admin", "/settings/saved-replies");
  const replies = await listSavedReplies(member);
  const variables = Object.keys(SAVED_REPLY_VARIABLES)
    .map((name) => `{{${name}}}`)
    .join(", ");
  return (
    <div className="stack">
      <header className="page-header">
        <h1>Saved replies</h1>
        <p>Answers every agent in {member.organization.name} can insert from the composer, filled in for each conversation.</p>
      </header>
      <section className="card" aria-labelledby="new-reply-heading">
        <h2 id="new-reply-heading">Add a saved reply</h2>
        <SavedReplyForm variables={variables} />
      </section>
      {replies.map((reply) => (
        <section key={reply.id} className="card" aria-label={reply.title}>
          <div className="spread">
            <h2>{reply.title}</h2>
            <DeleteSavedReply id={reply.id} title={reply.title} />
          </div>
          <details>
            <summary>Edit</summary>
            <SavedReplyForm reply={reply} variables={variables} />
          </details>
          <p className="muted" style={{ whiteSpace: "pre-wrap", marginTop: "0.75rem" }}>
            {reply.body}
          </p>
        </section>
      ))}
    </div>
  );
}
