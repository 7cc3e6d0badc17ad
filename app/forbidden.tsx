import Link from "next/link";

export default function Forbidden() {
  return (
    // A div, not <main>: inside the app's layout this renders within its <main>, and landmarks must not nest.
    <div className="auth-page">
      <div className="card auth-card">
        <h1>You don&apos;t have access to this page</h1>
        <p>It needs a role you don&apos;t have in this organization. An owner or admin can change your role.</p>
        <Link href="/inbox">Back to the inbox</Link>
      </div>
    </div>
  );
}
