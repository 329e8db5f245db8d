import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { defaultSpecPath, type MockServer, startMockServer } from "../src/index.js";

const spec = JSON.parse(readFileSync(defaultSpecPath, "utf8"));
const documentedPage = spec.components.examples.ListContactsPage.value;
const AUTH = { authorization: `Basic ${btoa("key:secret")}` };

let upstream: Server | undefined;
let proxy: MockServer | undefined;
afterEach(async () => {
  await proxy?.close();
  upstream?.close();
});

/** A stand-in for the real LiveDesk API on loopback, answering every request with `body`, gzipped if asked. */
async function startUpstream(body: unknown, { gzip = false } = {}): Promise<string> {
  upstream = createServer((_, response) => {
    response.setHeader("content-type", "application/json");
    if (gzip) {
      response.setHeader("content-encoding", "gzip");
    }
    response.end(gzip ? gzipSync(JSON.stringify(body)) : JSON.stringify(body));
  }).listen(0, "127.0.0.1");
  await once(upstream, "listening");
  return `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
}

describe("validation proxy", () => {
  it("forwards to the upstream and reports nothing when it keeps to the spec", async () => {
    proxy = await startMockServer({ proxy: await startUpstream(documentedPage) });
    const response = await fetch(`${proxy.url}/api/v2/accounts/contacts?labels=vip,premium`, { headers: AUTH });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(documentedPage);
    expect(proxy.violations).toEqual([]);
  });

  it("reports every way a response drifts from the spec", async () => {
    const drifted = { ...documentedPage, payload: [{ ...documentedPage.payload[0], id: "318763", surprise: true }] };
    const seen: unknown[] = [];
    proxy = await startMockServer({
      proxy: await startUpstream(drifted),
      errors: false,
      onViolation: (violation) => seen.push(violation),
    });
    const response = await fetch(`${proxy.url}/api/v2/accounts/contacts`, { headers: AUTH });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(drifted);
    await expect.poll(() => proxy?.violations.length).toBe(1);
    // A field the spec does not document is not a violation: no LiveDesk page forbids one (ledger general-8).
    expect(proxy.violations).toEqual([
      {
        request: "GET /api/v2/accounts/contacts",
        location: "response.body.payload.0.id",
        message: expect.stringContaining("must be integer"),
      },
    ]);
    expect(seen).toEqual(proxy.violations);
  });

  it("reports fields the spec does not declare apart from violations, once per operation, status and place", async () => {
    // Inbox is an open schema: an extra field there is no violation, yet the spec does not document it.
    const [contact] = documentedPage.payload;
    const inbox = { ...contact.contact_inboxes[0].inbox, avatar_url: "" };
    const drifted = { ...documentedPage, payload: [{ ...contact, contact_inboxes: [{ source_id: "s", inbox }] }] };
    const seen: unknown[] = [];
    proxy = await startMockServer({
      proxy: await startUpstream(drifted, { gzip: true }),
      onUndocumentedField: (field) => seen.push(field),
    });
    for (const query of ["", "?page=1"]) {
      const response = await fetch(`${proxy.url}/api/v2/accounts/contacts${query}`, { headers: AUTH });
      expect(await response.json()).toEqual(drifted);
    }
    expect(proxy.undocumentedFields).toEqual([
      {
        operation: "GET /api/v2/accounts/contacts",
        status: 200,
        location: "response.body.payload[].contact_inboxes[].inbox.avatar_url",
      },
    ]);
    expect(seen).toEqual(proxy.undocumentedFields);
    expect(proxy.violations).toEqual([]);
  });

  it("reports requests that break the spec too", async () => {
    proxy = await startMockServer({ proxy: await startUpstream(documentedPage), errors: false });
    await fetch(`${proxy.url}/api/v2/accounts/contacts?sort=company_name`, { headers: AUTH });
    await expect.poll(() => proxy?.violations.map((violation) => violation.location)).toContain("request.query.sort");
  });

  it("rejects a proxy target that is not a URL", async () => {
    await expect(startMockServer({ proxy: "livedesk-api.engagelab.com" })).rejects.toThrow(/absolute URL/);
  });
});
