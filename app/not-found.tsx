import Link from "next/link";

export default function NotFound() {
  return (
    <main className="auth-page">
      <div className="card auth-card">
        <h1>Page not found</h1>
        <p>There is nothing at this address, or it belongs to another organization.</p>
        <Link href="/inbox">Back to the inbox</Link>
      </div>
    </main>
  );
}
