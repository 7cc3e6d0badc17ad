// Sunbridge's service worker: shows the Web Push notifications the server sends (lib/notifications/push.ts) when
// no Sunbridge tab is in front, and opens the conversation when one is clicked.
self.addEventListener("push", (event) => {
  let payload = {};
  try {
    payload = event.data ? event.data.json() : {};
  } catch {
    payload = {};
  }
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      // A tab in front tells the agent itself (the page's own notification carries the same tag).
      if (windows.some((client) => client.visibilityState === "visible" && client.focused)) return;
      await self.registration.showNotification(payload.title || "Sunbridge", {
        body: payload.body || "",
        tag: payload.tag,
        icon: "/favicon.svg",
        data: { url: sameSitePath(payload.url) },
      });
    })(),
  );
});

/** A path on this site, or the inbox: `//host` and `/\\host` are other sites to a browser. */
function sameSitePath(url) {
  return typeof url === "string" && url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\") ? url : "/inbox";
}

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = new URL(sameSitePath(event.notification.data?.url), self.location.origin).href;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      const open = windows.find((client) => new URL(client.url).origin === self.location.origin);
      if (open) {
        await open.focus();
        return open.navigate(url);
      }
      return self.clients.openWindow(url);
    })(),
  );
});
