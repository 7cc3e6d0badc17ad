import type { Metadata } from "next";
import { headers } from "next/headers";
import { AuthCard } from "@/app/(auth)/_components/AuthCard";
import { ApiKeyConnectForm } from "@/app/(app)/connections/_components/ApiKeyConnectForm";
import { admitLinkVisitor, describeConnectLink, type PublicLink } from "@/lib/connections";
import { RateLimitedError } from "@/lib/errors";
import { clientAddressOf } from "@/lib/http/client-address";
import { connectLinkApiKeyAction, startLinkOAuthAction } from "./actions";
import { ConnectWithZendesk } from "./ConnectWithZendesk";

export const metadata: Metadata = { title: "Connect Zendesk", robots: { index: false } };

const UNUSABLE: Record<Exclude<PublicLink["status"], "open" | "invalid">, { title: string; text: string }> = {
  used: { title: "This link was used", text: "A Zendesk app was connected with this link already. Ask for a new link if you need to connect again." },
  expired: { title: "This link has expired", text: "Ask for a new link to connect your Zendesk." },
  revoked: { title: "This link was withdrawn", text: "It can no longer be used. Ask for a new link if you still need to connect." },
};

const logoOf = (link: { organizationName: string; logo: string | null }) => (link.logo ? { src: link.logo, alt: `${link.organizationName} logo` } : null);

export default async function ConnectLinkPage({ params }: PageProps<"/connect/[token]">) {
  const { token } = await params;
  try {
    await admitLinkVisitor(clientAddressOf(await headers()));
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    return (
      <AuthCard title="Too many requests">
        <p role="alert">{error.message}</p>
      </AuthCard>
    );
  }
  const link = await describeConnectLink(token);
  if (link.status === "invalid") {
    return (
      <AuthCard title="Link not valid">
        <p role="alert">This link is not valid. Check that you copied all of it.</p>
      </AuthCard>
    );
  }
  if (link.status !== "open") {
    const { title, text } = UNUSABLE[link.status];
    return (
      <AuthCard title={title} logo={logoOf(link)}>
        <p role="alert">{text}</p>
        <p className="muted">The link came from {link.organizationName}.</p>
      </AuthCard>
    );
  }
  const startOAuth = startLinkOAuthAction.bind(null, token);
  const withKey = connectLinkApiKeyAction.bind(null, token);
  return (
    <AuthCard title={`Connect your Zendesk to ${link.organizationName}`} logo={logoOf(link)}>
      {link.displayName && <p>For {link.displayName}.</p>}
      <h2>What will be shared</h2>
      <p>
        {link.organizationName} will be able to read and write the users and conversations of the Zendesk messaging app
        you choose, and will receive its conversation events. Its credentials are kept encrypted, and you can remove the
        integration in Zendesk&apos;s Admin Center at any time.
      </p>
      <p className="muted">No Sunbridge account is needed. This link works once, until {link.expiresAt.toUTCString()}.</p>
      {link.methods.includes("oauth") && (
        <ConnectWithZendesk action={startOAuth} />
      )}
      {link.methods.includes("api_key") && (
        <details className="card" open={!link.methods.includes("oauth")} style={{ marginTop: "1rem" }}>
          <summary>
            <strong>Connect with an app API key</strong>
          </summary>
          <ApiKeyConnectForm action={withKey} />
        </details>
      )}
    </AuthCard>
  );
}
