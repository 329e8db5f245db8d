import spec from "@livedesk/openapi/openapi.json" with { type: "json" };
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  LiveDeskAuthenticationError,
  LiveDeskError,
  LiveDeskHttpError,
  LiveDeskInvalidResponseError,
  LiveDeskNotFoundError,
  LiveDeskPermissionError,
  LiveDeskRateLimitError,
  LiveDeskServerError,
  LiveDeskValidationError,
} from "../src/index.js";
import { failureOf, json, stubbedClient } from "./helpers.js";

afterEach(() => {
  vi.useRealTimers();
});

const CONTACTS_URL = "https://livedesk-api.engagelab.com/api/v2/accounts/contacts";

/** The error contacts.list throws for `answer`; retryable statuses surface at once (retries have their own tests). */
async function listError(answer: () => Response): Promise<LiveDeskError> {
  const { client } = stubbedClient(answer, { maxRetries: 0 });
  const error = await failureOf(client.contacts.list());
  expect(error).toBeInstanceOf(LiveDeskError);
  return error as LiveDeskError;
}

describe("contacts.list turns failures into typed errors", () => {
  it("401: tells the caller to check key and secret, and keeps status, body and the URL (a stub's Response has none)", async () => {
    const error = await listError(() => json({ error: "Invalid Access Token" }, { status: 401 }));
    expect(error).toBeInstanceOf(LiveDeskAuthenticationError);
    expect(error).toBeInstanceOf(LiveDeskHttpError);
    expect(error).toMatchObject({
      name: "LiveDeskAuthenticationError",
      code: "authentication",
      status: 401,
      body: { error: "Invalid Access Token" },
      contentType: "application/json",
      method: "GET",
      url: CONTACTS_URL,
      requestId: undefined,
    });
    expect(error.message).toMatch(/HTTP 401 on GET \/api\/v2\/accounts\/contacts\)/);
    expect(error.message).toMatch(/Check the API key and secret/);
    expect(error.message).toMatch(/Server said: Invalid Access Token/);
  });

  it("403: says the key lacks permission", async () => {
    const error = await listError(() => json({ message: "Insufficient permissions" }, { status: 403 }));
    expect(error).toBeInstanceOf(LiveDeskPermissionError);
    expect(error).toMatchObject({ code: "permission", status: 403 });
    expect(error.message).toMatch(/lacks permission/);
  });

  it("404: not found, with the body the spec illustrates", async () => {
    const notFound = spec.components.examples.NotFoundError.value;
    const error = await listError(() => json(notFound, { status: 404 }));
    expect(error).toBeInstanceOf(LiveDeskNotFoundError);
    expect(error).toMatchObject({ code: "not_found", status: 404, body: notFound });
    expect(error.message).toMatch(/Server said: Not Found/);
  });

  it("422: carries the server's message", async () => {
    const error = await listError(() => json({ message: "Name can't be blank" }, { status: 422 }));
    expect(error).toBeInstanceOf(LiveDeskValidationError);
    expect(error).toMatchObject({ code: "validation", status: 422, serverMessage: "Name can't be blank" });
    expect(error.message).toMatch(/Server said: Name can't be blank/);
  });

  it.each([
    ["in seconds", () => "120", 120_000],
    ["as an HTTP date", () => new Date(Date.now() + 60_000).toUTCString(), 60_000],
    ["as something RFC 9110 does not allow", () => "1.5", undefined],
  ])("429: carries Retry-After %s as milliseconds", async (_, retryAfter, expected) => {
    vi.useFakeTimers({ now: Date.parse("2026-11-24T10:00:00Z") });
    const error = await listError(() => json({}, { status: 429, headers: { "retry-after": retryAfter() } }));
    expect(error).toBeInstanceOf(LiveDeskRateLimitError);
    expect(error).toMatchObject({ code: "rate_limit", status: 429, retryAfterMs: expected });
  });

  it("5xx: keeps status, content type and a text body", async () => {
    const error = await listError(
      () => new Response("<html>Bad gateway</html>", { status: 502, headers: { "content-type": "text/html" } }),
    );
    expect(error).toBeInstanceOf(LiveDeskServerError);
    expect(error).toMatchObject({
      code: "server",
      status: 502,
      body: "<html>Bad gateway</html>",
      contentType: "text/html",
    });
    expect(error.message).toMatch(/HTTP 502/);
  });

  it("other statuses: a plain LiveDeskHttpError", async () => {
    const error = await listError(() => json({ error: "bad" }, { status: 400 }));
    expect(error.constructor).toBe(LiveDeskHttpError);
    expect(error).toMatchObject({ code: "http", status: 400 });
  });

  it("a 2xx body that is not JSON: keeps status, content type and the start of the body", async () => {
    const error = await listError(
      () => new Response("<html>maintenance</html>", { status: 200, headers: { "content-type": "text/html" } }),
    );
    expect(error).toBeInstanceOf(LiveDeskInvalidResponseError);
    expect(error).toMatchObject({ code: "invalid_response", status: 200, body: "<html>maintenance</html>" });
    expect(error.message).toMatch(/text\/html/);
    expect(error.message).toMatch(/maintenance/);
  });

  it("a 2xx JSON body that is not a contact list", async () => {
    const error = await listError(() => json({ data: [] }));
    expect(error).toMatchObject({ code: "invalid_response" });
    expect(error.message).toMatch(/\{meta, payload\}/);
  });

  it("a meta.current_page that is not a page number", async () => {
    const error = await listError(() => json({ meta: { count: 0, current_page: "one" }, payload: [] }));
    expect(error.message).toMatch(/current_page/);
  });
});

describe("the server's request id", () => {
  it.each([
    ["an HTTP error", () => json({}, { status: 500, headers: { "x-request-id": "req-7f3a" } })],
    ["a body that is not JSON", () => new Response("<html>", { headers: { "x-request-id": "req-7f3a" } })],
  ])("is in the error and its message: %s", async (_, answer) => {
    const error = await listError(answer);
    expect(error).toMatchObject({ requestId: "req-7f3a" });
    expect(error.message).toMatch(/HTTP \d+ on GET \/api\/v2\/accounts\/contacts, request id req-7f3a/);
  });

  it("is in a ticket API refusal too", async () => {
    const { client } = stubbedClient(() => json({ code: 7, message: "no" }, { headers: { "x-request-id": "r-1" } }));
    const error = await failureOf(client.tickets.get("tk_1"));
    expect(error).toMatchObject({ code: "result", requestId: "r-1" });
    expect((error as Error).message).toMatch(/request id r-1/);
  });

  it("is cut short when the server sends a huge one", async () => {
    const error = await listError(() => json({}, { status: 500, headers: { "x-request-id": "r".repeat(5_000) } }));
    expect((error as LiveDeskHttpError).requestId?.length).toBeLessThanOrEqual(201);
  });
});

describe("the response of a helper call", () => {
  it("reaches onResponse, after retries and before the body is checked, for every helper", async () => {
    const seen: [number, string | null][] = [];
    const onResponse = (response: Response) => seen.push([response.status, response.headers.get("x-ratelimit")]);
    const { client } = stubbedClient((_, index) =>
      index === 0
        ? json({}, { status: 503 })
        : json(
            { meta: { count: 1, current_page: 1 }, payload: [{ id: 1 }], code: 0, data: {} },
            { headers: { "x-ratelimit": "59" } },
          ),
    );
    await client.contacts.list({}, { onResponse });
    await client.tickets.get("tk_1", { onResponse });
    for await (const _ of client.contacts.listAll({}, { onResponse })) {
      // drain
    }
    expect(seen).toEqual([
      [200, "59"],
      [200, "59"],
      [200, "59"],
    ]);
    const { client: failing } = stubbedClient(() => json({}, { status: 404 }));
    await failureOf(failing.messages.send(1, { content: "hi" }, { onResponse }));
    expect(seen.at(-1)).toEqual([404, null]);
  });
});
