import { LiveDeskWebhookError } from "./errors.js";
import type { components } from "./types.js";
import { describe, isRecord } from "./values.js";

/** The payload of a `conversation_created` delivery, as LiveDesk documents it (the spec's webhook schema). */
export type ConversationCreatedEvent = components["schemas"]["ConversationCreatedEvent"];

/**
 * Every timestamp of a `conversation_created` delivery, in Unix seconds (fractions kept). An ISO 8601 time without
 * an offset is read as UTC, as every ISO time in LiveDesk's examples is (they end in `Z`); a number of
 * 100,000,000,000 or more is read as milliseconds (as seconds it would be after the year 5000).
 */
export interface ConversationCreatedTimestamps {
  /** When the conversation was created. */
  created_at?: number;
  /** When the conversation was last updated (LiveDesk sends fractional seconds). */
  updated_at?: number;
  /** The conversation's last activity. */
  last_activity_at?: number;
  /** The payload's `timestamp`. */
  timestamp?: number;
  /** The payload's `waiting_since`. */
  waiting_since?: number;
  /** When an agent last saw the conversation; `0` when never. */
  agent_last_seen_at?: number;
  /** When the contact last saw the conversation; `0` when never. */
  contact_last_seen_at?: number;
  /** The payload's `first_reply_created_at` (LiveDesk shows only `null`, which is left out). */
  first_reply_created_at?: number;
  /** Until when the conversation is snoozed. */
  snoozed_until?: number;
  /** The timestamps of `contact_inbox`, the contact's link to the inbox, sent as ISO 8601 strings. */
  contact_inbox?: {
    /** When the contact was linked to the inbox. */
    created_at?: number;
    /** When that link was last updated. */
    updated_at?: number;
  };
}

/** A `conversation_created` delivery, checked and typed. */
export interface ConversationCreatedDelivery {
  /** The event name. */
  event: "conversation_created";
  /** `true`: an event this client knows and has checked; narrows {@link WebhookDelivery}. */
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
  /** The delivery's `event` name, a non-empty string. */
  event: string;
  /** `false`: an event this client does not know; narrows {@link WebhookDelivery}. */
  known: false;
  /** The parsed body as sent, `event` included. */
  raw: Record<string, unknown>;
}

/**
 * What {@link parseWebhookEvent} returns: branch on `known` (or `event`) to get the typed `conversation_created`
 * delivery or an unknown event's raw body.
 */
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

/** The JSON type the spec gives each field of a `conversation_created` payload that has one. */
const FIELD_TYPES: Record<string, "object" | "array" | "integer" | "string" | "boolean"> = {
  account: "object",
  inbox_id: "integer",
  channel: "string",
  status: "string",
  can_reply: "boolean",
  contact_inbox: "object",
  meta: "object",
  messages: "array",
  labels: "array",
  additional_attributes: "object",
  custom_attributes: "object",
  unread_count: "integer",
  conversation_category: "string",
  chat_mode: "string",
};

/**
 * Checks and types a webhook delivery from LiveDesk. LiveDesk documents no signature, so this cannot tell who sent
 * it: protect the webhook URL yourself (a secret path, an allow-list).
 *
 * @param body - The request body as received: a string, bytes (`Uint8Array`, e.g. a Node.js `Buffer`) or its parsed
 * JSON.
 * @returns The delivery, typed; a `conversation_created` one also with its timestamps in Unix seconds.
 * @throws {@link LiveDeskWebhookError} for a body that cannot be a LiveDesk delivery: not JSON, not an object, no
 * `event`, or a `conversation_created` delivery without a positive integer `id`, with a field of the wrong type or a
 * timestamp that is neither Unix seconds nor an existing ISO 8601 time. Its message quotes at most the first 60
 * characters of any value.
 */
export function parseWebhookEvent(body: unknown): WebhookDelivery {
  const payload = parseBody(body);
  // Own properties only: an `event` inherited from a prototype was not sent.
  const field = (name: string) => (Object.hasOwn(payload, name) ? payload[name] : undefined);
  const event = field("event");
  if (typeof event !== "string" || event === "") {
    throw invalid(`it has no event name (\`event\`), got ${describe(event)}.`);
  }
  if (event !== "conversation_created") {
    return { event, known: false, raw: payload };
  }
  const id = field("id");
  if (typeOf(id) !== "integer" || (id as number) < 1) {
    throw invalid(`a conversation_created delivery needs the conversation's integer id, got ${describe(id)}.`);
  }
  for (const [name, type] of Object.entries(FIELD_TYPES)) {
    const value = field(name);
    if (value !== undefined && typeOf(value) !== type) {
      throw invalid(
        `${name} should be ${type === "array" || type === "object" ? "an" : "a"} ${type}, got ${describe(value)}.`,
      );
    }
  }
  const timestamps: ConversationCreatedTimestamps = {};
  for (const name of TOP_LEVEL_TIMESTAMPS) {
    const seconds = unixSeconds(field(name), name);
    if (seconds !== undefined) {
      timestamps[name] = seconds;
    }
  }
  const contactInbox = field("contact_inbox");
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

function typeOf(value: unknown): string {
  if (Array.isArray(value)) {
    return "array";
  }
  if (value === null) {
    return "null";
  }
  return Number.isInteger(value) ? "integer" : typeof value;
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

/** Numbers this large are milliseconds: as seconds they would be after the year 5000. */
const MILLISECONDS_FROM = 1e11;
const ISO_TIME = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(\.\d+)?(Z|([+-])(\d\d):?(\d\d))?$/i;

/**
 * Unix seconds from integer or fractional seconds, milliseconds, or an ISO 8601 time (UTC when it has no offset);
 * undefined for absent or null. A time that does not exist, such as 30 February, is an error, not 1 March.
 */
function unixSeconds(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value === "number" && Number.isFinite(value)) {
    return Math.abs(value) >= MILLISECONDS_FROM ? value / 1000 : value;
  }
  const parts = typeof value === "string" ? ISO_TIME.exec(value) : null;
  if (parts) {
    const [year, month, day, hours, minutes, seconds] = parts.slice(1, 7).map(Number) as number[];
    const offsetMinutes = parts[9] ? Number(`${parts[9]}1`) * (Number(parts[10]) * 60 + Number(parts[11])) : 0;
    const time = Date.UTC(year ?? 0, (month ?? 0) - 1, day, hours, minutes, seconds);
    const date = new Date(time);
    if (
      date.getUTCDate() === day &&
      date.getUTCMonth() === (month ?? 0) - 1 &&
      (hours ?? 0) < 24 &&
      (minutes ?? 0) < 60 &&
      (seconds ?? 0) < 60
    ) {
      return time / 1000 + Number(`0${parts[7] ?? ""}`) - offsetMinutes * 60;
    }
  }
  throw invalid(`${name} is neither Unix seconds nor an existing ISO 8601 time: ${describe(value)}.`);
}

function invalid(problem: string): LiveDeskWebhookError {
  return new LiveDeskWebhookError(`Not a LiveDesk webhook delivery: ${problem}`, { code: "invalid_webhook" });
}
