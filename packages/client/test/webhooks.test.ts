import spec from "@livedesk/openapi/openapi.json" with { type: "json" };
import { describe, expect, it } from "vitest";
import { LiveDeskWebhookError, parseWebhookEvent } from "../src/index.js";

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
  ])("rejects %s with a clear error", (_, body, message) => {
    let thrown: unknown;
    try {
      parseWebhookEvent(body);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(LiveDeskWebhookError);
    expect(thrown).toMatchObject({ code: "invalid_webhook" });
    expect((thrown as Error).message).toMatch(message);
  });
});
