// Facts about the integration types that shape answers: which settings are write-only (never returned), and the
// defaults SunCo fills in. Required fields are checked by the request schemas.
import { INTEGRATION_TYPES, type IntegrationType } from "@/lib/sunco/schemas";

const WRITE_ONLY: Partial<Record<IntegrationType, string[]>> = {
  android: ["projectId", "clientEmail", "privateKey", "serverKey"],
  apple: ["apiSecret"],
  instagram: ["pageAccessToken", "appSecret"],
  ios: ["certificate", "password"],
  mailgun: ["apiKey"],
  messagebird: ["accessKey", "signingKey"],
  messenger: ["appSecret"],
  telegram: ["token"],
  twilio: ["authToken"],
  twitter: ["consumerKey", "consumerSecret", "accessTokenKey", "accessTokenSecret"],
  viber: ["token"],
};

const DEFAULTS: Partial<Record<IntegrationType, Record<string, unknown>>> = {
  instagram: { storyRepliesEnabled: true, storyMentionsEnabled: true },
  web: {
    brandColor: "65758e",
    fixedIntroPane: false,
    conversationColor: "0099ff",
    actionColor: "0099ff",
    displayStyle: "button",
    buttonWidth: "58",
    buttonHeight: "58",
  },
  whatsapp: { hsmFallbackLanguage: "en_US" },
};

/** Fields every channel (non-custom) integration accepts but never returns. */
const CHANNEL_WRITE_ONLY = ["defaultResponderId"];

export function isIntegrationType(type: string): type is IntegrationType {
  return (INTEGRATION_TYPES as readonly string[]).includes(type);
}

export function writeOnlyFields(type: string): string[] {
  if (type === "custom") return [];
  return [...(WRITE_ONLY[type as IntegrationType] ?? []), ...CHANNEL_WRITE_ONLY];
}

export function integrationDefaults(type: string): Record<string, unknown> {
  if (type === "custom") return {};
  return { ...DEFAULTS[type as IntegrationType], showAIDisclaimer: true };
}
