// Turns something that happened into the spec's envelope `{ app, webhook, events[] }` for every webhook of the
// app subscribed to its trigger, letting the switchboard decide who hears about conversation activity.
import { objectId } from "../ids";
import type { Json, SandboxState, WebhookRecord } from "../state";
import type { SandboxClock } from "../clock";
import type { DeliveryEngine } from "./delivery";
import { CONVERSATION_ACTIVITY, type Trigger } from "./triggers";

/** How a webhook wants users and sources: its includeFullUser / includeFullSource settings. */
export interface PayloadView {
  includeFullUser: boolean;
  includeFullSource: boolean;
}

export interface WebhookEvent {
  type: Trigger;
  appId: string;
  /** The conversation the event is about, for switchboard routing. */
  conversationId?: string;
  payload: (view: PayloadView) => Json;
}

export interface EventDispatcher {
  emit(event: WebhookEvent): void;
}

export function createDispatcher(deps: { state: () => SandboxState; clock: SandboxClock; deliveries: DeliveryEngine }): EventDispatcher {
  return {
    emit(event) {
      const state = deps.state();
      const subscribed = state.webhooks.where(
        (w) => w.appId === event.appId && w.triggers.includes(event.type) && hears(state, w, event),
      );
      if (subscribed.length === 0) return;
      const id = objectId();
      const createdAt = deps.clock.timestamp();
      for (const webhook of subscribed) {
        const body = {
          app: { id: event.appId },
          webhook: { id: webhook.id, version: webhook.version },
          events: [{ id, type: event.type, createdAt, payload: event.payload(webhook) }],
        };
        deps.deliveries.deliver(webhook, body, [{ id, type: event.type }]);
      }
    },
  };
}

/**
 * With an enabled switchboard, an integration that is part of it hears a conversation's activity only while it
 * is in control or when it asked for standby events. Integrations outside the switchboard hear everything.
 */
function hears(state: SandboxState, webhook: WebhookRecord, event: WebhookEvent): boolean {
  if (!event.conversationId || !CONVERSATION_ACTIVITY.has(event.type)) return true;
  const switchboard = state.switchboards.find((s) => s.appId === event.appId);
  if (!switchboard?.enabled) return true;
  const member = state.switchboardIntegrations.find(
    (si) => si.switchboardId === switchboard.id && si.integrationId === webhook.integrationId,
  );
  if (!member || member.deliverStandbyEvents) return true;
  const conversation = state.conversations.get(event.conversationId);
  return conversation?.activeSwitchboardIntegrationId === member.id;
}
