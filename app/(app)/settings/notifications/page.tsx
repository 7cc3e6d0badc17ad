import type { Metadata } from "next";
import { memberForPage } from "@/lib/auth/require-member";
import { env } from "@/lib/env";
import { notificationPreferences } from "@/lib/notifications";
import { DeviceNotifications } from "./DeviceNotifications";
import { PreferencesForm } from "./PreferencesForm";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const member = await memberForPage("agent", "/settings/notifications");
  const preferences = await notificationPreferences(member);
  return (
    <div className="stack">
      <header className="page-header">
        <h1>Notifications</h1>
        <p>
          What Sunbridge tells you of, and how. Only conversations you can see notify you. The unread count shows in the tab&apos;s title
          and icon until you open the conversation.
        </p>
      </header>
      <section className="card" aria-labelledby="device-heading">
        <h2 id="device-heading">This device</h2>
        <DeviceNotifications vapidPublicKey={env().webPush.publicKey} pushWanted={preferences.push} />
      </section>
      <section className="card" aria-labelledby="preferences-heading">
        <h2 id="preferences-heading">Your settings</h2>
        <PreferencesForm preferences={preferences} />
      </section>
    </div>
  );
}
