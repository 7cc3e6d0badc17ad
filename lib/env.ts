// The only module that reads process.env: validates every setting once and names each problem.
import { createECDH, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no", ""])
  .transform((value) => value === "true" || value === "1" || value === "yes");

const databaseUrl = z
  .string()
  .regex(
    /^(postgres(ql)?:\/\/|pglite:)/,
    "must be a postgres:// connection string, or pglite:<directory> for the embedded database",
  );

const secret = z.string().min(32, "must be at least 32 characters");

const MODES = ["production", "development", "test"] as const;
export type Mode = (typeof MODES)[number];

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /**
   * Which rules apply, declared by the command that started the process (scripts/mode.ts): production unless it says
   * otherwise. NODE_ENV alone never loosens them, since a shell may have left it at "test" or "development".
   */
  SUNBRIDGE_MODE: z.enum(MODES).optional(),
  /** Required in production; elsewhere defaulted in readEnvironment from PORT, which the server listens on. */
  APP_URL: z.url(),
  DATABASE_URL: databaseUrl.optional(),
  DATA_DIR: z.string().min(1).default(".data"),
  AUTH_SECRET: secret.optional(),
  ENCRYPTION_KEYS: z
    .string()
    .regex(
      /^\s*[\w-]+:[A-Za-z0-9+/_=-]+\s*(,\s*[\w-]+:[A-Za-z0-9+/_=-]+\s*)*$/,
      "must be a comma-separated list of <version>:<base64 32-byte key>, current key first",
    )
    .optional(),
  /** Requests each /api/v1 key may make per minute (lib/api/operation.ts); more are answered 429. */
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  /** Minutes without using an inbox tab after which an agent counts as away for auto-assignment (lib/teams). */
  AGENT_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Bearer token that /api/metrics requires; the endpoint answers 404 while it is unset. */
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  SEED_DEMO: booleanFlag.optional(),
  /**
   * How many reverse proxies in front of the app append to X-Forwarded-For: the client address is read that many
   * entries from the right (0: the socket's peer, and X-Forwarded-For is ignored). See lib/http/client-address.ts.
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** Run background workers inside each app process (default), or only in `npm run worker` processes. */
  WORKERS_IN_APP: booleanFlag.default(true),
  /**
   * Who answers SunCo's webhook deliveries under `npm start`: the HTTP server itself (lib/webhooks/intake-server.ts,
   * several times cheaper per request), or Next's route handler (to compare, or to fall back on).
   */
  WEBHOOK_INTAKE: z.enum(["server", "next"]).default("server"),

  /**
   * Lets event endpoints (lib/partner-events) be http:// and resolve to loopback, private or link-local addresses:
   * on by default outside production, where test receivers listen on 127.0.0.1; off in production unless set.
   */
  EVENT_ENDPOINTS_ALLOW_PRIVATE: booleanFlag.optional(),

  /**
   * Web Push (lib/notifications): the VAPID key pair that signs pushes (`npx web-push generate-vapid-keys`),
   * required in production and generated in development; and who push services may contact about them.
   */
  VAPID_PUBLIC_KEY: z.string().regex(/^[A-Za-z0-9_-]{87}$/, "must be a P-256 public key, base64url (87 characters)").optional(),
  VAPID_PRIVATE_KEY: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "must be a P-256 private key, base64url (43 characters)").optional(),
  VAPID_SUBJECT: z.string().regex(/^(mailto:\S+@\S+|https:\/\/\S+)$/, "must be a mailto: address or an https:// URL").optional(),

  // Sunshine Conversations
  SUNCO_OAUTH_CLIENT_ID: z.string().min(1).optional(),
  SUNCO_OAUTH_CLIENT_SECRET: z.string().min(1).optional(),
  SUNCO_OAUTH_BASE_URL: z.url().optional(),
  SUNCO_API_BASE_URL: z.url().optional(),
  SUNCO_MARKETPLACE_NAME: z.string().min(1).optional(),
  SUNCO_MARKETPLACE_ORGANIZATION_ID: z.string().min(1).optional(),
  SUNCO_MARKETPLACE_APP_ID: z.string().min(1).optional(),

  // The SunCo sandbox (lib/sandbox)
  SANDBOX_ENABLED: booleanFlag.optional(),
  SANDBOX_TIME_SCALE: z.coerce.number().positive().max(1000).default(1),
  /** Lets clients on other machines use the sandbox's control API, consent page and simulator (lib/sandbox/access.ts). */
  SANDBOX_TOKEN: z.string().min(24, "must be at least 24 characters").optional(),
});

type ParsedEnv = z.infer<typeof schema>;

export interface SuncoSettings {
  /** True when SunCo is the embedded sandbox (mounted at /sandbox/sc) rather than Zendesk. */
  sandbox: boolean;
  /** The partner's registered OAuth client; null when OAuth connections are not configured. */
  oauthClient: { clientId: string; clientSecret: string } | null;
  /** Where /oauth/authorize, /oauth/token and /v2/tokenInfo live. */
  oauthBaseUrl: string;
  /** Overrides every tenant's regional API base URL (the sandbox, or a proxy); null for the real regions. */
  apiBaseUrl: string | null;
  /** X-Zendesk-Marketplace-* headers sent on every call when set. */
  marketplace: { name?: string; organizationId?: string; appId?: string };
  /** Multiplies every sandbox delay (webhook retries, latency): 0.001 makes tests fast. */
  sandboxTimeScale: number;
}

export type Env = Omit<ParsedEnv, "AUTH_SECRET" | "DATA_DIR" | "ENCRYPTION_KEYS"> & {
  AUTH_SECRET: string;
  /** Keys that encrypt tenant secrets at rest, current first; older ones only decrypt (rotation). */
  ENCRYPTION_KEYS: string;
  DATA_DIR: string;
  mode: Mode;
  isProduction: boolean;
  sunco: SuncoSettings;
  /** Where the embedded database lives, when it is the one in use. */
  pgliteDir: string;
  /** A PostgreSQL server's connection string; unset when the embedded database is in use. */
  postgresUrl: string | undefined;
  /** Where event endpoints may point: https only and public addresses only, unless allowed (development, tests). */
  eventEndpoints: { allowPrivate: boolean };
  /** The VAPID identity Web Push is sent with. */
  webPush: { publicKey: string; privateKey: string; subject: string };
};

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}\nSee .env.example.`);
    this.name = "EnvError";
  }
}

/** Secrets a development machine may generate for itself; production must set them explicitly. */
const GENERATED_IN_DEVELOPMENT = ["AUTH_SECRET", "ENCRYPTION_KEYS"] as const;
/** Also generated: the VAPID pair ("public.private"), which production sets as two settings of its own. */
type GeneratedSecret = (typeof GENERATED_IN_DEVELOPMENT)[number] | "VAPID_KEYS";

function readEnvironment(source: NodeJS.ProcessEnv): Env {
  const raw = Object.fromEntries(
    Object.keys(schema.shape).map((key) => [key, emptyToUndefined(source[key])]),
  );
  // Production must name its public URL (below); elsewhere it defaults to the port the server listens on.
  const appUrlMissing = raw.APP_URL === undefined;
  // PORT may also name a pipe or socket, which makes no URL: then the usual port.
  const port = emptyToUndefined(source.PORT)?.trim();
  raw.APP_URL ??= `http://localhost:${port && /^\d{1,5}$/.test(port) ? port : 3000}`;
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  }
  const parsed = result.data;
  const mode = modeOf(parsed);
  const isProduction = mode === "production";
  const dataDir = path.resolve(/*turbopackIgnore: true*/ parsed.DATA_DIR);

  const problems: string[] = [];
  if (isProduction) {
    if (!parsed.DATABASE_URL) {
      problems.push("DATABASE_URL: required in production (pglite:<directory> to use the embedded database)");
    }
    for (const key of GENERATED_IN_DEVELOPMENT) {
      if (!parsed[key]) problems.push(`${key}: required in production`);
    }
    if (appUrlMissing) problems.push("APP_URL: required in production (the public https:// URL)");
    if (!parsed.VAPID_PUBLIC_KEY || !parsed.VAPID_PRIVATE_KEY) problems.push("VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY: required in production (npx web-push generate-vapid-keys)");
  }
  if (Boolean(parsed.VAPID_PUBLIC_KEY) !== Boolean(parsed.VAPID_PRIVATE_KEY)) problems.push("VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY: set both or neither");
  if (Boolean(parsed.SUNCO_OAUTH_CLIENT_ID) !== Boolean(parsed.SUNCO_OAUTH_CLIENT_SECRET)) {
    problems.push("SUNCO_OAUTH_CLIENT_ID and SUNCO_OAUTH_CLIENT_SECRET: set both or neither");
  }
  if (problems.length > 0) throw new EnvError(problems);

  const missing = GENERATED_IN_DEVELOPMENT.filter((key) => !parsed[key]);
  const generated = missing.length > 0 ? developmentSecrets(dataDir, missing) : {};
  return {
    ...parsed,
    AUTH_SECRET: parsed.AUTH_SECRET ?? generated.AUTH_SECRET!,
    ENCRYPTION_KEYS: parsed.ENCRYPTION_KEYS ?? generated.ENCRYPTION_KEYS!,
    DATA_DIR: dataDir,
    mode,
    isProduction,
    pgliteDir: parsed.DATABASE_URL?.startsWith("pglite:")
      ? path.resolve(parsed.DATABASE_URL.slice("pglite:".length).replace(/^\/\//, ""))
      : path.join(dataDir, "pglite"),
    postgresUrl: parsed.DATABASE_URL?.startsWith("pglite:") ? undefined : parsed.DATABASE_URL,
    sunco: suncoSettings(parsed, isProduction),
    eventEndpoints: { allowPrivate: parsed.EVENT_ENDPOINTS_ALLOW_PRIVATE ?? !isProduction },
    webPush: webPushSettings(parsed, dataDir),
  };
}

/** The configured VAPID keys, or (outside production: production requires them) a pair kept in DATA_DIR. */
function webPushSettings(parsed: ParsedEnv, dataDir: string): Env["webPush"] {
  // Push services contact the subject about a misbehaving sender: the app's public https URL will do.
  const appUrl = new URL(parsed.APP_URL);
  const subject = parsed.VAPID_SUBJECT ?? (appUrl.protocol === "https:" && appUrl.hostname !== "localhost" ? appUrl.origin : `mailto:push@${appUrl.hostname}`);
  if (parsed.VAPID_PUBLIC_KEY && parsed.VAPID_PRIVATE_KEY) return { publicKey: parsed.VAPID_PUBLIC_KEY, privateKey: parsed.VAPID_PRIVATE_KEY, subject };
  const [publicKey, privateKey] = developmentSecrets(dataDir, ["VAPID_KEYS"]).VAPID_KEYS!.split(".");
  return { publicKey: publicKey!, privateKey: privateKey!, subject };
}

/** Production unless the command declared otherwise; NODE_ENV=production can only make it stricter. */
function modeOf(parsed: ParsedEnv): Mode {
  return parsed.NODE_ENV === "production" ? "production" : (parsed.SUNBRIDGE_MODE ?? "production");
}

/** The sandbox's registered OAuth client (lib/sandbox fixtures use the same values). */
export const SANDBOX_OAUTH_CLIENT = {
  clientId: "sunbridge-sandbox",
  clientSecret: "sandbox-client-secret-not-for-production",
} as const;

export const SANDBOX_MOUNT_PATH = "/sandbox/sc";

const ZENDESK_OAUTH_BASE_URL = "https://oauth-bridge.zendesk.com/sc";

function suncoSettings(parsed: ParsedEnv, isProduction: boolean): SuncoSettings {
  const realClientConfigured = Boolean(parsed.SUNCO_OAUTH_CLIENT_ID);
  // On by default in development when no real OAuth client is configured; in production only when asked.
  const sandbox = parsed.SANDBOX_ENABLED ?? (!isProduction && !realClientConfigured);
  const sandboxBase = new URL(SANDBOX_MOUNT_PATH, parsed.APP_URL).toString();
  const oauthClient =
    parsed.SUNCO_OAUTH_CLIENT_ID && parsed.SUNCO_OAUTH_CLIENT_SECRET
      ? { clientId: parsed.SUNCO_OAUTH_CLIENT_ID, clientSecret: parsed.SUNCO_OAUTH_CLIENT_SECRET }
      : sandbox
        ? { ...SANDBOX_OAUTH_CLIENT }
        : null;
  return {
    sandbox,
    oauthClient,
    oauthBaseUrl: parsed.SUNCO_OAUTH_BASE_URL ?? (sandbox ? sandboxBase : ZENDESK_OAUTH_BASE_URL),
    apiBaseUrl: parsed.SUNCO_API_BASE_URL ?? (sandbox ? sandboxBase : null),
    marketplace: {
      name: parsed.SUNCO_MARKETPLACE_NAME,
      organizationId: parsed.SUNCO_MARKETPLACE_ORGANIZATION_ID,
      appId: parsed.SUNCO_MARKETPLACE_APP_ID,
    },
    sandboxTimeScale: parsed.SANDBOX_TIME_SCALE,
  };
}

function emptyToUndefined(value: string | undefined) {
  return value === undefined || value.trim() === "" ? undefined : value;
}

/**
 * Development convenience: secrets are generated on first use and kept in DATA_DIR so that sessions
 * and encrypted data survive restarts without anyone having to invent a key.
 */
function generate(key: GeneratedSecret) {
  if (key === "VAPID_KEYS") {
    const pair = createECDH("prime256v1");
    pair.generateKeys();
    const privateKey = pair.getPrivateKey();
    // A private key with leading zero bytes comes out shorter; VAPID wants all 32.
    return `${pair.getPublicKey("base64url")}.${Buffer.concat([Buffer.alloc(32 - privateKey.length), privateKey]).toString("base64url")}`;
  }
  const random = randomBytes(32).toString("base64url");
  return key === "ENCRYPTION_KEYS" ? `dev1:${random}` : random;
}

function developmentSecrets(dataDir: string, wanted: GeneratedSecret[]): Partial<Record<GeneratedSecret, string>> {
  const file = path.join(dataDir, "secrets.json");
  const stored: Partial<Record<GeneratedSecret, string>> = existsSync(/*turbopackIgnore: true*/ file)
    ? JSON.parse(readFileSync(/*turbopackIgnore: true*/ file, "utf8"))
    : {};
  const missing = wanted.filter((key) => !stored[key]);
  if (missing.length > 0) {
    for (const key of missing) stored[key] = generate(key);
    mkdirSync(/*turbopackIgnore: true*/ dataDir, { recursive: true });
    writeFileSync(/*turbopackIgnore: true*/ file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return stored;
}

let cached: Env | undefined;

/** Validated settings. Read lazily so `next build` never needs runtime secrets. */
export function env(): Env {
  if (!cached) {
    cached = readEnvironment(process.env);
    exposeToNextAuth(cached);
  }
  return cached;
}

/** next-auth v4 reads its base URL from process.env itself; give it ours. */
function exposeToNextAuth(settings: Env) {
  process.env.NEXTAUTH_URL ??= settings.APP_URL;
}

/** For tests and scripts that change settings between runs. */
export function resetEnvForTests(overrides: Record<string, string | undefined> = {}): Env {
  cached = readEnvironment({ ...process.env, ...overrides });
  return cached;
}
