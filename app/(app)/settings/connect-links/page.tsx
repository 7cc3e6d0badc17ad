import type { Metadata } from "next";
import Link from "next/link";
import { memberForPage } from "@/lib/auth/require-member";
import { connectReturnOrigins } from "@/lib/connections";
import { ReturnOriginsForm } from "./ReturnOriginsForm";

export const metadata: Metadata = { title: "Connect links" };

export default async function ConnectLinkSettingsPage() {
  const member = await memberForPage("admin", "/settings/connect-links");
  const origins = await connectReturnOrigins(member);
  return (
    <div className="stack">
      <header className="page-header">
        <h1>Connect links</h1>
        <p>
          Where a <Link href="/connections">connect link</Link> may send your customer back to once they have connected. A return URL whose origin
          is not listed here is refused when the link is created.
        </p>
      </header>
      <section className="card" aria-label="Return origins">
        <ReturnOriginsForm origins={origins} />
      </section>
    </div>
  );
}
