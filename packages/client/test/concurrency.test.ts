import { describe, expect, it } from "vitest";
import { type Contact, createLiveDeskClient, LiveDeskArgumentError, LiveDeskServerError } from "../src/index.js";
import { API_KEY, API_SECRET, json, makeContacts, pagedServer } from "./helpers.js";

/**
 * A fetch stand-in that answers like `pagedServer` after a few milliseconds, later pages sooner so that answers arrive
 * out of order, and records how many requests were in flight at once and which were aborted.
 */
function heldServer(contacts: Contact[], options: { searching?: boolean; failPage?: number } = {}) {
  const serve = pagedServer(contacts, options.searching ? { meta: "has_more" } : {});
  let inFlight = 0;
  let maxInFlight = 0;
  const pages: number[] = [];
  const aborted: number[] = [];
  const fetch = (input: string | Request, init?: RequestInit) => {
    const request = new Request(input);
    const page = Number(new URL(request.url).searchParams.get("page"));
    pages.push(page);
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    return new Promise<Response>((resolve, reject) => {
      const signal = init?.signal;
      signal?.addEventListener("abort", () => {
        inFlight -= 1;
        aborted.push(page);
        reject(signal.reason);
      });
      // Higher pages answer sooner, so answers arrive in reverse order.
      setTimeout(
        () => {
          inFlight -= 1;
          resolve(page === options.failPage ? json({}, { status: 500 }) : serve(request));
        },
        Math.max(1, 20 - page),
      );
    });
  };
  const client = createLiveDeskClient({ apiKey: API_KEY, apiSecret: API_SECRET, fetch });
  return { client, pages, aborted, maxInFlight: () => maxInFlight };
}

async function ids(iterable: AsyncIterable<Contact>, stopAfter = Number.POSITIVE_INFINITY): Promise<number[]> {
  const seen: number[] = [];
  for await (const contact of iterable) {
    seen.push(contact.id);
    if (seen.length >= stopAfter) {
      break;
    }
  }
  return seen;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

describe("listAll with concurrency", () => {
  it("yields every contact once, in order, although pages arrive out of order", async () => {
    const server = heldServer(makeContacts(200));
    expect(await ids(server.client.contacts.listAll({}, { concurrency: 4 }))).toEqual(range(1, 200));
    expect([...server.pages].sort((a, b) => a - b)).toEqual(range(1, 14));
  });

  it("keeps at most `concurrency` requests in flight", async () => {
    const server = heldServer(makeContacts(300));
    await ids(server.client.contacts.listAll({}, { concurrency: 4 }));
    expect(server.maxInFlight()).toBe(4);
    const sequential = heldServer(makeContacts(300));
    await ids(sequential.client.contacts.listAll());
    expect(sequential.maxInFlight()).toBe(1);
  });

  it("starts from query.page", async () => {
    const server = heldServer(makeContacts(100));
    expect(await ids(server.client.contacts.listAll({ page: 3 }, { concurrency: 3 }))).toEqual(range(31, 100));
  });

  it("fetches a search one page at a time: without a total there is nothing to fetch ahead", async () => {
    const server = heldServer(makeContacts(100), { searching: true });
    expect(await ids(server.client.contacts.searchAll("contact", {}, { concurrency: 8 }))).toEqual(range(1, 100));
    expect(server.maxInFlight()).toBe(1);
  });

  it("throws the failing page's error after yielding everything before it, never a short export", async () => {
    const server = heldServer(makeContacts(200), { failPage: 5 });
    const seen: number[] = [];
    const error = await (async () => {
      for await (const contact of server.client.contacts.listAll({}, { concurrency: 4 })) {
        seen.push(contact.id);
      }
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LiveDeskServerError);
    expect(seen).toEqual(range(1, 60));
  });

  it("cancels pages fetched ahead when the caller stops early", async () => {
    const server = heldServer(makeContacts(300));
    expect(await ids(server.client.contacts.listAll({}, { concurrency: 6 }), 20)).toEqual(range(1, 20));
    expect(server.aborted.length).toBeGreaterThan(0);
    expect(Math.min(...server.aborted)).toBeGreaterThan(2);
  });

  it.each([0, 1.5, 33, Number.NaN])("rejects concurrency %s before sending", async (concurrency) => {
    const server = heldServer(makeContacts(10));
    const error = await ids(server.client.contacts.listAll({}, { concurrency })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LiveDeskArgumentError);
    expect(server.pages).toEqual([]);
  });
});
