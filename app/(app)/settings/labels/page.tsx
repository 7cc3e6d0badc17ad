import type { Metadata } from "next";
import { memberForPage } from "@/lib/auth/require-member";
import { LABEL_COLORS, listLabels } from "@/lib/inbox";
import styles from "../../inbox/_components/inbox.module.css";
import { LabelChips } from "../../inbox/_components/LabelChips";
import { DeleteLabel } from "./DeleteLabel";
import { LabelForm } from "./LabelForm";

export const metadata: Metadata = { title: "Labels" };

export default async function LabelsPage() {
  const member = await memberForPage("admin", "/settings/labels");
  const labels = await listLabels(member);
  return (
    <div className="stack">
      <header className="page-header">
        <h1>Labels</h1>
        <p>
          Labels agents put on conversations in {member.organization.name}. The inbox filters by them, and a search finds them with{" "}
          <code>label:name</code> (or <code>label:&quot;two words&quot;</code>).
        </p>
      </header>
      <section className="card" aria-labelledby="new-label-heading">
        <h2 id="new-label-heading">Add a label</h2>
        <LabelForm colors={LABEL_COLORS} />
      </section>
      {labels.length === 0 && <p className="muted">No labels yet.</p>}
      {labels.map((label) => (
        <section key={label.id} className="card" aria-label={label.name}>
          <div className="spread">
            <h2 className={styles.labelChips}>
              <LabelChips ids={[label.id]} labels={[label]} />
            </h2>
            <DeleteLabel id={label.id} name={label.name} />
          </div>
          <details>
            <summary>Edit</summary>
            <LabelForm label={label} colors={LABEL_COLORS} />
          </details>
        </section>
      ))}
    </div>
  );
}
