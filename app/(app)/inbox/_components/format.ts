// How the inbox writes names (people's initials, channels); times come from app/_components/time-format.ts.

// Times are written by the UI's one date module.
export { fullTime, shortTime } from "@/app/_components/time-format";

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
