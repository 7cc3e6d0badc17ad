// Structured JSON logs. Anything that looks like a credential is redacted before it is written.
import pino from "pino";
import { env } from "@/lib/env";

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

const holder = globalThis as typeof globalThis & { __sunbridgeLogger?: pino.Logger };

export function logger(): pino.Logger {
  holder.__sunbridgeLogger ??= pino({
    level: env().LOG_LEVEL,
    base: { service: "sunbridge" },
    redact: { paths: redactPaths, censor: "[redacted]" },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
  return holder.__sunbridgeLogger;
}
