"use client";
// This browser's part: permission for notifications, and a Web Push subscription (public/sw.js shows what arrives).
import { useEffect, useState, useSyncExternalStore } from "react";
import { removePushSubscriptionAction, savePushSubscriptionAction } from "./actions";

type Status = "unsupported" | "default" | "denied" | "granted";

function applicationServerKey(base64url: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64url.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const pushSupported = () => "serviceWorker" in navigator && "PushManager" in window;

const noSubscription = () => () => {};
const permissionNow = (): Status => ("Notification" in window ? (Notification.permission as Status) : "unsupported");

export function DeviceNotifications({ vapidPublicKey, pushWanted }: { vapidPublicKey: string; pushWanted: boolean }) {
  // What the browser says, until this page asks (the answer to that is kept).
  const [answered, setStatus] = useState<Status | null>(null);
  const browserStatus = useSyncExternalStore(noSubscription, permissionNow, () => "default" as Status);
  const [subscribed, setSubscribed] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!pushSupported()) return;
    void navigator.serviceWorker.getRegistration("/").then(async (registration) => setSubscribed(Boolean(await registration?.pushManager.getSubscription())));
  }, []);

  async function turnOn() {
    setBusy(true);
    setProblem(null);
    try {
      const permission = await Notification.requestPermission();
      setStatus(permission as Status);
      if (permission !== "granted" || !pushWanted || !pushSupported()) return;
      const registration = await navigator.serviceWorker.register("/sw.js", { scope: "/" });
      await navigator.serviceWorker.ready;
      const subscription =
        (await registration.pushManager.getSubscription()) ??
        (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: applicationServerKey(vapidPublicKey) }));
      const result = await savePushSubscriptionAction(subscription.toJSON() as never);
      if (result && !result.ok) return setProblem(result.error);
      setSubscribed(true);
    } catch (error) {
      setProblem(error instanceof Error ? `Push notifications cannot be turned on here: ${error.message}` : "Push notifications cannot be turned on here.");
    } finally {
      setBusy(false);
    }
  }

  async function turnOff() {
    setBusy(true);
    try {
      const subscription = await (await navigator.serviceWorker.getRegistration("/"))?.pushManager.getSubscription();
      if (subscription) {
        await removePushSubscriptionAction(subscription.endpoint);
        await subscription.unsubscribe();
      }
      setSubscribed(false);
    } finally {
      setBusy(false);
    }
  }

  const shown = answered ?? browserStatus;
  if (shown === "unsupported") return <p>This browser cannot show notifications.</p>;
  return (
    <div className="stack">
      <p role="status">
        {shown === "granted" && (subscribed ? "Notifications are on for this device, with push." : "Notifications are on for this device while a tab is open.")}
        {shown === "denied" && "This browser blocks Sunbridge's notifications: allow them in the site settings."}
        {shown === "default" && "Notifications are off for this device."}
      </p>
      {problem && (
        <p className="alert error" role="alert">
          {problem}
        </p>
      )}
      <div className="row">
        {(shown === "default" || (shown === "granted" && pushWanted && !subscribed)) && (
          <button type="button" className="button" onClick={turnOn} disabled={busy}>
            {shown === "granted" ? "Turn on push notifications on this device" : "Turn on notifications on this device"}
          </button>
        )}
        {subscribed && (
          <button type="button" className="button secondary" onClick={turnOff} disabled={busy}>
            Turn off push on this device
          </button>
        )}
      </div>
    </div>
  );
}
