import spec from "@livedesk/openapi/openapi.json" with { type: "json" };
import { afterEach, describe, expect, it } from "vitest";
import { LiveDeskWebhookError, parseWebhookEvent } from "../src/index.js";
import { failureOf } from "./helpers.js";

const hostZone = process.env.TZ;
afterEach(() => {
  process.env.TZ = hostZone;
});

/** The webhook error `parseWebhookEvent(body)` throws. */
async function rejection(body: unknown): Promise<Error> {
  const error = await failureOf(() => parseWebhookEvent(body));
  expect(error).toBeInstanceOf(LiveDeskWebhookError);
  expect(error).toMatchObject({ code: "invalid_webhook" });
  return error as Error;
}

const conversation = (fields: Record<string, unknown>) => ({ event: "conversation_created", id: 89, ...fields });

// The documented example, from the bundled description.
const delivery = spec.components.examples.ConversationCreatedEventExample.value;

describe("parseWebhookEvent", () => {
  it("checks and types LiveDesk's documented conversation_created delivery, keeping it as sent", () => {
    const parsed = parseWebhookEvent(delivery);
    expect(parsed.known).toBe(true);
    if (!parsed.known) {
      return;
    }
    expect(parsed.event).toBe("conversation_created");
    expect(parsed.conversation).toBe(delivery);
    expect(parsed.conversation.id).toBe(89);
  });

  it("normalises the three documented timestamp forms to Unix seconds", () => {
    const parsed = parseWebhookEvent(delivery);
    expect(parsed.known && parsed.timestamps).toEqual({
      created_at: 1768967324,
      updated_at: 1768967324.268219,
      waiting_since: 1768967324,
      agent_last_seen_at: 0,
      contact_last_seen_at: 0,
      contact_inbox: { created_at: Date.parse(delivery.contact_inbox.created_at) / 1000 },
    });
    expect(parsed.known && parsed.timestamps.contact_inbox?.created_at).toBe(1768966009.012);
  });

  it("takes the raw body as a string or as bytes", () => {
    const text = JSON.stringify(delivery);
    expect(parseWebhookEvent(text)).toMatchObject({ known: true, conversation: { id: 89 } });
    expect(parseWebhookEvent(new TextEncoder().encode(text))).toMatchObject({ known: true, conversation: { id: 89 } });
  });

  it("passes an event LiveDesk does not document through, unchecked", () => {
    expect(parseWebhookEvent({ event: "message_created", id: "m1" })).toEqual({
      event: "message_created",
      known: false,
      raw: { event: "message_created", id: "m1" },
    });
  });

  it.each([
    ["not JSON", "<xml/>", /not JSON/],
    ["not an object", "[1,2]", /not a JSON object/],
    ["no event", { id: 1 }, /no event name/],
    ["no conversation id", { event: "conversation_created" }, /integer id, got undefined/],
    ["a string id", { event: "conversation_created", id: "89" }, /integer id, got "89"/],
    ["a bad timestamp", { event: "conversation_created", id: 89, created_at: "yesterday" }, /created_at is neither/],
    [
      "a bad contact_inbox timestamp",
      { event: "conversation_created", id: 89, contact_inbox: { created_at: true } },
      /contact_inbox.created_at/,
    ],
    [
      "a date that does not exist",
      conversation({ contact_inbox: { created_at: "2024-02-30T00:00:00Z" } }),
      /2024-02-30/,
    ],
    ["an inherited event", Object.create({ event: "conversation_created", id: 89 }), /no event name/],
    [
      "contact_inbox of the wrong type",
      conversation({ contact_inbox: "x" }),
      /contact_inbox should be an object, got "x"/,
    ],
    ["meta of the wrong type", conversation({ meta: [] }), /meta should be an object, got an array/],
    ["messages of the wrong type", conversation({ messages: {} }), /messages should be an array/],
    ["status of the wrong type", conversation({ status: 1 }), /status should be a string, got 1/],
  ])("rejects %s with a clear error", async (_, body, message) => {
    expect((await rejection(body)).message).toMatch(message);
  });

  it("keeps its messages short, however large the body", async () => {
    const huge = "x".repeat(10_000_000);
    for (const body of [conversation({ id: huge }), conversation({ created_at: huge }), { event: 7, huge }]) {
      expect((await rejection(body)).message.length).toBeLessThan(300);
    }
  });

  it("reads an ISO time without an offset as UTC, whatever the host's time zone", () => {
    process.env.TZ = "Asia/Singapore";
    const parsed = parseWebhookEvent(
      conversation({
        contact_inbox: { created_at: "2026-01-21T03:26:49.012", updated_at: "2026-01-21T11:26:49+08:00" },
      }),
    );
    const expected = Date.UTC(2026, 0, 21, 3, 26, 49) / 1000;
    expect(parsed.known && parsed.timestamps.contact_inbox).toEqual({
      created_at: expected + 0.012,
      updated_at: expected,
    });
  });

  it("reads a timestamp in milliseconds as milliseconds", () => {
    const parsed = parseWebhookEvent(conversation({ created_at: 1_768_967_324_268, updated_at: 1_768_967_324.268 }));
    expect(parsed.known && parsed.timestamps).toEqual({ created_at: 1_768_967_324.268, updated_at: 1_768_967_324.268 });
  });
});
