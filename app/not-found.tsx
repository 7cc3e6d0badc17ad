import Link from "next/link";

export default function NotFound() {
  return (
    // A div, not <main>: inside the app's layout this renders within its <main>, and landmarks must not nest.
    <div className="auth-page">
      <div className="card auth-card">
        <h1>Page not found</h1>
        <p>There is nothing at this address, or it belongs to another organization.</p>
        <Link href="/inbox">Back to the inbox</Link>
      </div>
    </div>
  );
}
