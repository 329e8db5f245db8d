import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  createLiveDeskClient,
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
import { API_KEY, API_SECRET, json, renderings, stubFetch } from "./helpers.js";

// maxRetries: 0 so that retryable statuses surface at once; retries have their own tests.
function clientAnswering(respond: () => Response) {
  const stub = stubFetch(respond);
  return createLiveDeskClient({ apiKey: API_KEY, apiSecret: API_SECRET, fetch: stub.fetch, maxRetries: 0 });
}

async function listError(respond: () => Response): Promise<LiveDeskError> {
  const error = await clientAnswering(respond)
    .contacts.list()
    .catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(LiveDeskError);
  return error as LiveDeskError;
}

describe("contacts.list turns failures into typed errors", () => {
  it("401: tells the caller to check key and secret, and keeps status and body", async () => {
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
    });
    expect(error.message).toMatch(/HTTP 401 on GET \/api\/v2\/accounts\/contacts/);
    expect(error.message).toMatch(/Check the API key and secret/);
    expect(error.message).toMatch(/Server said: Invalid Access Token/);
  });

  it("403: says the key lacks permission", async () => {
    const error = await listError(() => json({ message: "Insufficient permissions" }, { status: 403 }));
    expect(error).toBeInstanceOf(LiveDeskPermissionError);
    expect(error).toMatchObject({ code: "permission", status: 403 });
    expect(error.message).toMatch(/lacks permission/);
  });

  it("404: not found", async () => {
    const error = await listError(() => json({ error: "Resource could not be found" }, { status: 404 }));
    expect(error).toBeInstanceOf(LiveDeskNotFoundError);
    expect(error).toMatchObject({ code: "not_found", status: 404 });
  });

  it("422: carries the server's message", async () => {
    const error = await listError(() => json({ message: "Name can't be blank" }, { status: 422 }));
    expect(error).toBeInstanceOf(LiveDeskValidationError);
    expect(error).toMatchObject({ code: "validation", status: 422, serverMessage: "Name can't be blank" });
    expect(error.message).toMatch(/Server said: Name can't be blank/);
  });

  it.each([
    ["in seconds", () => "120", 120_000],
    // Built when the test runs, not when it is collected, so that the wait it names is still a minute.
    ["as an HTTP date", () => new Date(Date.now() + 60_000).toUTCString(), 60_000],
  ])("429: carries Retry-After %s as milliseconds", async (_, retryAfter, expected) => {
    const error = await listError(() => json({}, { status: 429, headers: { "retry-after": retryAfter() } }));
    expect(error).toBeInstanceOf(LiveDeskRateLimitError);
    expect(error).toMatchObject({ code: "rate_limit", status: 429 });
    expect((error as LiveDeskRateLimitError).retryAfterMs).toBeGreaterThan(expected - 2_000);
    expect((error as LiveDeskRateLimitError).retryAfterMs).toBeLessThanOrEqual(expected);
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

describe("credentials never leak", () => {
  const encoded = btoa(`${API_KEY}:${API_SECRET}`);

  it("from any error the client throws", async () => {
    const errors = await Promise.all([
      listError(() => json({ error: "Invalid Access Token" }, { status: 401 })),
      listError(() => json({}, { status: 403 })),
      listError(() => new Response("oops", { status: 500 })),
      listError(() => new Response("<html>", { status: 200 })),
      clientAnswering(() => json({}))
        .contacts.list({ labels: ["a,b"] })
        .catch((caught: unknown) => caught),
    ]);
    for (const error of errors) {
      const text = renderings(error);
      expect(text).not.toContain(API_KEY);
      expect(text).not.toContain(API_SECRET);
      expect(text).not.toContain(encoded);
    }
  });

  it("from the client object itself", () => {
    const client = clientAnswering(() => json({}));
    const text = `${inspect(client, { depth: 10, showHidden: true })}${JSON.stringify(client)}`;
    expect(text).not.toContain(API_KEY);
    expect(text).not.toContain(encoded);
  });
});
