import type { Metadata } from "next";
import Link from "next/link";
import { memberForPage } from "@/lib/auth/require-member";
import { CONNECT_LOGO_TYPES, connectLogoOf, connectReturnOrigins, MAX_CONNECT_LOGO_BYTES } from "@/lib/connections";
import { ConnectLogoForm } from "./ConnectLogoForm";
import { ReturnOriginsForm } from "./ReturnOriginsForm";

export const metadata: Metadata = { title: "Connect links" };

export default async function ConnectLinkSettingsPage() {
  const member = await memberForPage("admin", "/settings/connect-links");
  const [origins, logo] = await Promise.all([connectReturnOrigins(member), connectLogoOf(member.organization.id)]);
  return (
    <div className="stack">
      <header className="page-header">
        <h1>Connect links</h1>
        <p>
          How the page of a <Link href="/connections">connect link</Link> looks to your customer, and where it may send them back to once they
          have connected.
        </p>
      </header>
      <section className="card" aria-labelledby="connect-logo-heading">
        <h2 id="connect-logo-heading">Logo on the connect page</h2>
        <ConnectLogoForm logo={logo} organizationName={member.organization.name} maxBytes={MAX_CONNECT_LOGO_BYTES} types={CONNECT_LOGO_TYPES} />
      </section>
      <section className="card" aria-labelledby="return-origins-heading">
        <h2 id="return-origins-heading">Return origins</h2>
        <p className="muted">A return URL whose origin is not listed here is refused when the link is created.</p>
        <ReturnOriginsForm origins={origins} />
      </section>
    </div>
  );
}
