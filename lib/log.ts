// Structured JSON logs. Secrets are removed twice: by key (fields such as `secret`, `authorization`), and
// by shape in every written line (JWTs, Bearer/Basic credentials, 32-hex webhook secrets), so a token that
// slips into an error message or URL is not written either.
import pino from "pino";
import { env } from "@/lib/env";
import { processSingleton } from "@/lib/singletons";

/** Keys under which a secret may travel, redacted up to three levels deep. */
const SECRET_KEYS = [
  "password",
  "passwordHash",
  "secret",
  "clientSecret",
  "client_secret",
  "accessToken",
  "access_token",
  "token",
  "authorization",
  "cookie",
  "x-api-key",
  "apiKey",
];

const redactPaths = SECRET_KEYS.flatMap((key) => {
  const segment = /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `["${key}"]`;
  const top = segment.startsWith(".") ? key : segment;
  return [top, `*${segment}`, `*.*${segment}`, `*.*.*${segment}`];
});

const SECRET_SHAPES: [RegExp, string][] = [
  [/eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]{4,}/g, "[redacted-jwt]"],
  [/\b(Bearer|Basic)\s+[\w.~+/=-]{8,}/gi, "$1 [redacted]"],
  [/\b[0-9a-f]{32}\b/gi, "[redacted-hex]"],
  [/([?&](?:code|access_token|client_secret|token)=)[^&"\s]+/gi, "$1[redacted]"],
];

export function scrubSecrets(line: string): string {
  return SECRET_SHAPES.reduce((text, [shape, replacement]) => text.replace(shape, replacement), line);
}

export function createLogger(destination?: pino.DestinationStream, level = env().LOG_LEVEL): pino.Logger {
  return pino(
    {
      level,
      base: { service: "sunbridge" },
      redact: { paths: redactPaths, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
      hooks: { streamWrite: scrubSecrets },
    },
    destination,
  );
}

export function logger(): pino.Logger {
  return processSingleton("logger", () => createLogger());
}
