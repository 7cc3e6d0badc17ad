import type { Metadata } from "next";
import { cookies } from "next/headers";
import { AuthCard } from "@/app/(auth)/_components/AuthCard";
import { linkOutcome } from "@/lib/connections";
import { CONNECT_LINK_COOKIE } from "../link-cookie";

export const metadata: Metadata = { title: "Connect Zendesk", robots: { index: false } };

const NOT_CONNECTED: Record<string, string> = {
  cancelled: "You chose Deny in Zendesk, so nothing was connected.",
  failed: "Zendesk's answer could not be used, so nothing was connected.",
  unusable: "This link could not be used (it was used, withdrawn or has expired), so nothing was connected.",
};

/** Where a connect link's visitor lands after Zendesk (or the key form): what happened, and the way back. */
export default async function ConnectFinishedPage({ searchParams }: PageProps<"/connect/finished">) {
  const { outcome } = await searchParams;
  const token = (await cookies()).get(CONNECT_LINK_COOKIE)?.value;
  const link = token ? await linkOutcome(token) : null;
  if (!link) {
    return (
      <AuthCard title="Link not valid">
        <p role="alert">This link is not valid. Open the link you were given again.</p>
      </AuthCard>
    );
  }
  if (link.state === "used" && link.appName) {
    return (
      <AuthCard title="Connected">
        <p role="status">
          <strong>{link.appName}</strong> is now connected to {link.organizationName}. Its conversation events will reach them from now on.
        </p>
        {link.returnUrl && (
          <a className="button" href={link.returnUrl}>
            Return to {link.organizationName}
          </a>
        )}
      </AuthCard>
    );
  }
  const reason = NOT_CONNECTED[typeof outcome === "string" ? outcome : ""] ?? "Nothing was connected.";
  return (
    <AuthCard title="Not connected">
      <p role="alert">{reason}</p>
      {link.state === "open" && token && (
        <a className="button" href={`/connect/${encodeURIComponent(token)}`}>
          Try again
        </a>
      )}
    </AuthCard>
  );
}
