import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createLiveDeskClient } from "@livedesk/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import seed from "../openapi/test/fixtures/list-contacts.response.json" with { type: "json" };

// Prism's static mock serves the same page for every `page`, so paging over several pages runs against this
// small server: real HTTP on loopback, pages shaped like the seed, `current_page` echoed as a string like upstream.
const TOTAL = 100;
const PAGE_SIZE = 15;
const template = seed.payload[0];
let server: Server;
let baseUrl: string;
const pagesServed: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const page = url.searchParams.get("page") ?? "1";
    pagesServed.push(page);
    const first = (Number(page) - 1) * PAGE_SIZE;
    const payload = Array.from({ length: Math.max(0, Math.min(PAGE_SIZE, TOTAL - first)) }, (_, index) => ({
      ...template,
      id: first + index + 1,
    }));
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify({ meta: { count: TOTAL, current_page: page }, payload }));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.close();
});

describe("listAll over a real socket", () => {
  it("yields all 100 contacts once, in order, in 7 requests", async () => {
    const client = createLiveDeskClient({ apiKey: "key", apiSecret: "secret", baseUrl });
    const ids: number[] = [];
    for await (const contact of client.contacts.listAll({ labels: ["vip"] })) {
      ids.push(contact.id);
    }
    expect(ids).toEqual(Array.from({ length: TOTAL }, (_, index) => index + 1));
    expect(pagesServed).toEqual(["1", "2", "3", "4", "5", "6", "7"]);
  });
});
