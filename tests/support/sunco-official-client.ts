// The official (deprecated, untyped) sunshine-conversations-client pointed at a sandbox, as an independent oracle:
// every call goes through its `…WithHttpInfo` variant so tests also see the raw status and body, which
// `expectSpecResponse` checks against the official spec.
import SunshineConversationsClient from "sunshine-conversations-client";
import { expect } from "vitest";
import { validateComponent, validateResponse } from "@/tests/support/sunco/spec";

export type Credentials = { basic: { id: string; secret: string } } | { bearer: string };

const API_CLASSES = [
  "ActivitiesApi",
  "AppKeysApi",
  "AppsApi",
  "AttachmentsApi",
  "ClientsApi",
  "ConversationsApi",
  "CustomIntegrationApiKeysApi",
  "DevicesApi",
  "IntegrationsApi",
  "MessagesApi",
  "OAuthEndpointsApi",
  "ParticipantsApi",
  "SwitchboardActionsApi",
  "SwitchboardIntegrationsApi",
  "SwitchboardsApi",
  "UsersApi",
  "WebhooksApi",
] as const;

/* eslint-disable @typescript-eslint/no-explicit-any -- the client is untyped */
export type OfficialApis = Record<(typeof API_CLASSES)[number], any>;

export function officialClient(baseUrl: string, credentials: Credentials): OfficialApis {
  const apiClient = new SunshineConversationsClient.ApiClient();
  apiClient.basePath = baseUrl;
  if ("basic" in credentials) {
    apiClient.authentications.basicAuth.username = credentials.basic.id;
    apiClient.authentications.basicAuth.password = credentials.basic.secret;
  } else {
    apiClient.authentications.bearerAuth.accessToken = credentials.bearer;
  }
  return Object.fromEntries(API_CLASSES.map((name) => [name, new SunshineConversationsClient[name](apiClient)])) as OfficialApis;
}

/** A running sandbox's fixture app `index`: its id, and the official client on its first app key (Basic). */
export function fixtureAppClient(sandbox: { url: string; fixtures: { apps: { id: string; appKeys: { id: string; secret: string }[] }[] } }, index: number) {
  const app = sandbox.fixtures.apps[index]!;
  return { appId: app.id, api: officialClient(sandbox.url, { basic: app.appKeys[0]! }) };
}

/** What the client rejects with on a non-2xx answer. */
export interface ClientError {
  status: number;
  body: { errors: { code: string; title: string }[] };
}

/** The body must match the spec's schema for that operation and status (or the generic error shape). */
export function expectSpecResponse(operationId: string, status: number, body: unknown): void {
  const documented = validateResponse(operationId, status, body);
  const errors =
    status >= 400 && documented.some((e) => e.includes(`has no ${status} response`))
      ? validateComponent("errorResponse", body)
      : documented;
  expect(errors, `${operationId} ${status} ${JSON.stringify(body)}`).toEqual([]);
}

/**
 * Calls `<method>WithHttpInfo` on the client, checks the raw answer against the spec, and returns the client's
 * deserialized data together with the raw body.
 */
export async function call(api: any, method: string, operationId: string, ...args: unknown[]): Promise<{ data: any; body: any; status: number }> {
  const { data, response } = await api[`${method}WithHttpInfo`](...args);
  expectSpecResponse(operationId, response.status, response.body);
  return { data, body: response.body, status: response.status };
}

/** Calls a method that must fail; returns the error as the client surfaces it, its body checked against the spec. */
export async function callFailing(api: any, method: string, operationId: string, ...args: unknown[]): Promise<ClientError> {
  try {
    await api[`${method}WithHttpInfo`](...args);
  } catch (error) {
    const failure = error as ClientError;
    expect(failure.status, JSON.stringify(failure.body)).toBeGreaterThanOrEqual(400);
    expectSpecResponse(operationId, failure.status, failure.body);
    return failure;
  }
  throw new Error(`${operationId} was expected to fail`);
}
/* eslint-enable @typescript-eslint/no-explicit-any */
