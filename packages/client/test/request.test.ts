import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createLiveDeskClient, DEFAULT_BASE_URL, type LiveDeskClientOptions } from "../src/index.js";
import { API_KEY, API_SECRET, json, stubbedClient } from "./helpers.js";

const EMPTY_PAGE = { meta: { count: 0, current_page: "1" }, payload: [] };
const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));

function setup(options: Partial<LiveDeskClientOptions> = {}) {
  return stubbedClient(() => json(EMPTY_PAGE), options);
}

describe("the wire format of List Contacts", () => {
  it("requests the documented URL on the Singapore host by default", async () => {
    const { client, requests } = setup();
    await client.contacts.list();
    expect(requests).toHaveLength(1);
    expect(requests[0]?.method).toBe("GET");
    expect(requests[0]?.url).toBe(`${DEFAULT_BASE_URL}/api/v2/accounts/contacts`);
  });

  it("sends several labels comma-separated in one parameter, never as repeated names", async () => {
    const { client, requests } = setup();
    await client.contacts.list({ labels: ["vip", "premium"] });
    expect(requests[0]?.url).toBe(`${DEFAULT_BASE_URL}/api/v2/accounts/contacts?labels=vip,premium`);
  });

  it("percent-encodes each label but keeps the separating comma literal", async () => {
    const { client, requests } = setup();
    await client.contacts.list({ labels: ["gold member", "café", "a&b=c"] });
    expect(new URL(requests[0]?.url ?? "").search).toBe("?labels=gold%20member,caf%C3%A9,a%26b%3Dc");
  });

  it.each([true, false])("sends include_contact_inboxes=%s literally", async (value) => {
    const { client, requests } = setup();
    await client.contacts.list({ include_contact_inboxes: value });
    expect(new URL(requests[0]?.url ?? "").search).toBe(`?include_contact_inboxes=${value}`);
  });

  it("sends every documented parameter in one query string", async () => {
    const { client, requests } = setup();
    await client.contacts.list({
      q: "support@engagelab.com",
      page: 2,
      labels: ["vip"],
      include_contact_inboxes: false,
      sort: "last_activity_at",
      direction: "desc",
    });
    expect(new URL(requests[0]?.url ?? "").search).toBe(
      "?q=support%40engagelab.com&page=2&labels=vip&include_contact_inboxes=false&sort=last_activity_at&direction=desc",
    );
  });

  it("sends upstream's descending form sort=-field as is (ledger contacts-23)", async () => {
    const { client, requests } = setup();
    await client.contacts.list({ sort: "-last_activity_at" });
    expect(new URL(requests[0]?.url ?? "").search).toBe("?sort=-last_activity_at");
  });

  it("serialises the raw openapi-fetch GET the same way", async () => {
    const { client, requests } = setup();
    const { data } = await client.GET("/api/v2/accounts/contacts", {
      params: { query: { labels: ["vip", "premium"], include_contact_inboxes: true } },
    });
    expect(data).toEqual(EMPTY_PAGE);
    expect(new URL(requests[0]?.url ?? "").search).toBe("?labels=vip,premium&include_contact_inboxes=true");
  });

  it("uses a custom base URL, with or without a trailing slash", async () => {
    for (const baseUrl of ["http://127.0.0.1:4010", "http://127.0.0.1:4010/", "http://127.0.0.1:4010/prefix/"]) {
      const { client, requests } = setup({ baseUrl });
      await client.contacts.list({ page: 1 });
      expect(requests[0]?.url).toBe(`${baseUrl.replace(/\/$/, "")}/api/v2/accounts/contacts?page=1`);
    }
  });
});

describe("headers", () => {
  it("sends HTTP Basic auth built from key and secret, Accept and User-Agent, and no Content-Type on GET", async () => {
    const { client, requests } = setup();
    await client.contacts.list();
    const headers = requests[0]?.headers;
    expect(headers?.get("authorization")).toBe(`Basic ${Buffer.from(`${API_KEY}:${API_SECRET}`).toString("base64")}`);
    expect(headers?.get("accept")).toBe("application/json");
    expect(headers?.get("user-agent")).toBe(`@livedesk/client/${version}`);
    expect(headers?.has("content-type")).toBe(false);
  });

  it("lets the client's headers or a call's replace the User-Agent", async () => {
    const { client, requests } = setup({ headers: { "User-Agent": "acme-sync/2.0" } });
    await client.contacts.list();
    await client.contacts.list({}, { headers: { "user-agent": "acme-export/1.0" } });
    expect(requests.map((request) => request.headers.get("user-agent"))).toEqual(["acme-sync/2.0", "acme-export/1.0"]);
  });

  it("adds a call's headers to every helper's request", async () => {
    const { client, requests } = stubbedClient((request) =>
      json(
        new URL(request.url).pathname.endsWith("/contacts")
          ? EMPTY_PAGE
          : { code: 0, data: { ticket_id: "tk_1" }, id: 1, payload: { contact: { id: 1 } } },
      ),
    );
    const options = { headers: { "X-Trace": "t-1" } };
    await client.contacts.list({}, options);
    for await (const _ of client.contacts.listAll({}, options)) {
      // drain
    }
    await client.contacts.search("a", {}, options);
    for await (const _ of client.contacts.searchAll("a", {}, options)) {
      // drain
    }
    await client.contacts.create({ inbox_id: 1 }, options);
    await client.contacts.update(1, {}, options);
    await client.conversations.create({ inbox_id: 1, contact_id: 1 }, options);
    await client.conversations.updateStatus(1, { status: "open" }, options);
    await client.messages.send(1, { content: "hi" }, options);
    await client.tickets.create({ title: "t" }, options);
    await client.tickets.get("tk_1", options);
    await client.tickets.update("tk_1", { title: "t", description: "d" }, options);
    expect(requests.map((request) => request.headers.get("x-trace"))).toEqual(Array(12).fill("t-1"));
    expect(requests.every((request) => request.headers.get("authorization")?.startsWith("Basic "))).toBe(true);
  });

  it("encodes non-ASCII credentials as UTF-8 before base64, and keeps colons in the secret", async () => {
    const { client, requests } = setup({ apiKey: "ключ-🔑", apiSecret: "sécret:with:colons" });
    await client.contacts.list();
    const encoded = requests[0]?.headers.get("authorization")?.replace(/^Basic /, "") ?? "";
    const decoded = new TextDecoder().decode(Uint8Array.from(atob(encoded), (char) => char.charCodeAt(0)));
    expect(decoded).toBe("ключ-🔑:sécret:with:colons");
  });

  it("sends auth on the raw openapi-fetch methods too", async () => {
    const { client, requests } = setup();
    await client.GET("/api/v2/accounts/contacts");
    expect(requests[0]?.headers.get("authorization")).toMatch(/^Basic /);
  });

  it("adds the caller's headers on every request", async () => {
    const { client, requests } = setup({ headers: { "X-Request-Source": "tests" } });
    await client.contacts.list();
    await client.GET("/api/v2/accounts/contacts");
    expect(requests.map((request) => request.headers.get("x-request-source"))).toEqual(["tests", "tests"]);
  });
});

describe("how fetch is called", () => {
  it("like the global fetch: the Request openapi-fetch built, and an init with the attempt's signal", async () => {
    const calls: [Request, RequestInit | undefined][] = [];
    const client = createLiveDeskClient({
      apiKey: API_KEY,
      apiSecret: API_SECRET,
      fetch: async (input, init) => {
        calls.push([input, init]);
        return json(EMPTY_PAGE);
      },
    });
    await client.contacts.list({ page: 2 });
    expect(calls).toHaveLength(1);
    const [input, init] = calls[0] ?? [];
    expect(input).toBeInstanceOf(Request);
    expect(input?.url).toBe(`${DEFAULT_BASE_URL}/api/v2/accounts/contacts?page=2`);
    expect(input?.method).toBe("GET");
    expect(input?.headers.get("accept")).toBe("application/json");
    expect(Object.keys(init ?? {})).toEqual(["signal"]);
    expect(init?.signal).toBeInstanceOf(AbortSignal);
  });

  it("hands middleware a real Request, and fetch that Request, once middleware is in use", async () => {
    const { client, requests } = setup();
    const seen: unknown[] = [];
    client.use({
      onRequest({ request }) {
        seen.push(request);
        request.headers.set("x-traced", "yes");
        return request;
      },
    });
    await client.contacts.list();
    expect(seen[0]).toBeInstanceOf(Request);
    expect(requests[0]?.headers.get("x-traced")).toBe("yes");
    expect(requests[0]?.headers.get("authorization")).toMatch(/^Basic /);
  });

  it("hands per-call middleware a real Request too", async () => {
    const { client } = setup();
    const seen: unknown[] = [];
    await client.GET("/api/v2/accounts/contacts", {
      middleware: [
        {
          onRequest({ request }) {
            seen.push(request);
          },
        },
      ],
    });
    expect(seen[0]).toBeInstanceOf(Request);
  });
});
