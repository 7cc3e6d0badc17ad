// SunCo's v2 contract as zod schemas: one source of truth for the API client, the sandbox and webhook ingestion.
// Resources and responses are loose objects (fields SunCo adds pass through); request bodies keep only the fields
// the spec defines. Types come from z.infer (z.input for bodies we build).
export * from "./common";
export * from "./issues";
export * from "./apps";
export * from "./attachments";
export * from "./users";
export * from "./clients";
export * from "./channel-links";
export * from "./conversations";
export * from "./messages";
export * from "./whatsapp-templates";
export * from "./switchboards";
export * from "./webhooks";
export * from "./integrations";
export * from "./oauth";
export * from "./events";
export * from "./operations";
