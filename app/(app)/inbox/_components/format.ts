// How the inbox writes times and names in the browser's own locale and time zone.

const sameDay = (a: Date, b: Date) => a.toDateString() === b.toDateString();

/** "14:05" today, "Mar 3" this year, "Mar 3, 2025" before. */
export function shortTime(iso: string): string {
  const date = new Date(iso);
  const now = new Date();
  if (sameDay(date, now)) return date.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
  const sameYear = date.getFullYear() === now.getFullYear();
  return date.toLocaleDateString(undefined, { month: "short", day: "numeric", ...(sameYear ? {} : { year: "numeric" }) });
}

export function fullTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export function initials(name: string): string {
  return (
    name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((part) => part[0]!.toUpperCase())
      .join("") || "?"
  );
}

/** "whatsapp" → "WhatsApp"-ish labels for the channels SunCo names. */
const CHANNELS: Record<string, string> = {
  web: "Web Messenger",
  sdk: "Web Messenger",
  ios: "iOS",
  android: "Android",
  messenger: "Messenger",
  instagram: "Instagram",
  whatsapp: "WhatsApp",
  line: "LINE",
  telegram: "Telegram",
  twilio: "SMS",
  messagebird: "SMS",
  mailgun: "Email",
  viber: "Viber",
  twitter: "X",
  apple: "Apple Messages",
  api: "API",
  "api:conversations": "API",
  zd: "Zendesk",
};

export function channelName(type: string | null | undefined): string | null {
  if (!type) return null;
  return CHANNELS[type] ?? CHANNELS[type.split(":")[0]!] ?? type;
}
