import type { components } from "@livedesk/openapi";
import { LiveDeskWebhookError } from "./errors.js";
import { isRecord } from "./responses.js";

export type ConversationCreatedEvent = components["schemas"]["ConversationCreatedEvent"];

/** Every timestamp of a `conversation_created` delivery, in Unix seconds (fractions kept). */
export interface ConversationCreatedTimestamps {
  created_at?: number;
  updated_at?: number;
  last_activity_at?: number;
  timestamp?: number;
  waiting_since?: number;
  agent_last_seen_at?: number;
  contact_last_seen_at?: number;
  first_reply_created_at?: number;
  snoozed_until?: number;
  contact_inbox?: { created_at?: number; updated_at?: number };
}

/** A `conversation_created` delivery, checked and typed. */
export interface ConversationCreatedDelivery {
  event: "conversation_created";
  known: true;
  /** The payload as LiveDesk sent it. */
  conversation: ConversationCreatedEvent;
  /**
   * Its timestamps in one form, Unix seconds: LiveDesk sends ISO 8601 strings in `contact_inbox`, integer seconds at
   * the top level and fractional seconds in `updated_at`. Absent and `null` timestamps are left out.
   */
  timestamps: ConversationCreatedTimestamps;
}

/** A delivery of an event LiveDesk does not document. Nothing about its payload is checked. */
export interface UnknownWebhookDelivery {
  event: string;
  known: false;
  raw: Record<string, unknown>;
}

export type WebhookDelivery = ConversationCreatedDelivery | UnknownWebhookDelivery;

const TOP_LEVEL_TIMESTAMPS = [
  "created_at",
  "updated_at",
  "last_activity_at",
  "timestamp",
  "waiting_since",
  "agent_last_seen_at",
  "contact_last_seen_at",
  "first_reply_created_at",
  "snoozed_until",
] as const;

/**
 * Checks and types a webhook delivery from LiveDesk: the raw request body (string or bytes) or its parsed JSON.
 * Throws `LiveDeskWebhookError` for a body that cannot be a LiveDesk delivery. LiveDesk documents no signature, so
 * this cannot tell who sent it: protect the webhook URL yourself (a secret path, an allow-list).
 */
export function parseWebhookEvent(body: unknown): WebhookDelivery {
  const payload = parseBody(body);
  const { event } = payload;
  if (typeof event !== "string" || event === "") {
    throw invalid("it has no event name (`event`).");
  }
  if (event !== "conversation_created") {
    return { event, known: false, raw: payload };
  }
  if (typeof payload.id !== "number" || !Number.isInteger(payload.id) || payload.id < 1) {
    throw invalid(
      `a conversation_created delivery needs the conversation's integer id, got ${JSON.stringify(payload.id)}.`,
    );
  }
  const timestamps: ConversationCreatedTimestamps = {};
  for (const name of TOP_LEVEL_TIMESTAMPS) {
    const seconds = unixSeconds(payload[name], name);
    if (seconds !== undefined) {
      timestamps[name] = seconds;
    }
  }
  const contactInbox = payload.contact_inbox;
  if (isRecord(contactInbox)) {
    const created = unixSeconds(contactInbox.created_at, "contact_inbox.created_at");
    const updated = unixSeconds(contactInbox.updated_at, "contact_inbox.updated_at");
    timestamps.contact_inbox = {
      ...(created === undefined ? {} : { created_at: created }),
      ...(updated === undefined ? {} : { updated_at: updated }),
    };
  }
  return { event, known: true, conversation: payload as ConversationCreatedEvent, timestamps };
}

function parseBody(body: unknown): Record<string, unknown> {
  let value = body;
  if (value instanceof Uint8Array) {
    value = new TextDecoder().decode(value);
  }
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      throw invalid("the body is not JSON.");
    }
  }
  if (!isRecord(value)) {
    throw invalid("the body is not a JSON object.");
  }
  return value;
}

/** Unix seconds from integer or fractional seconds, or from an ISO 8601 string; undefined for absent or null. */
function unixSeconds(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value === "number" && Number.isFinite(value)) {
    return value;
  }
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value))) {
    return Date.parse(value) / 1000;
  }
  throw invalid(`${name} is neither Unix seconds nor an ISO 8601 time: ${JSON.stringify(value)}.`);
}

function invalid(problem: string): LiveDeskWebhookError {
  return new LiveDeskWebhookError(`Not a LiveDesk webhook delivery: ${problem}`, { code: "invalid_webhook" });
}
