import { afterEach, describe, expect, it, vi } from "vitest";
import { type Contact, LiveDeskArgumentError, LiveDeskServerError } from "../src/index.js";
import { failureOf, json, makeContacts, pagedServer, pageOf, range, stubbedClient } from "./helpers.js";

afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * A stand-in server that holds every answer until the event loop has nothing else to do, then releases all held
 * answers, highest page first, so that they arrive out of order. Pages above `holdFrom` are never answered, only
 * aborted. No timers: the order is the same on any machine.
 */
function heldServer(contacts: Contact[], options: { searching?: boolean; failPage?: number; holdFrom?: number } = {}) {
  const serve = pagedServer(contacts, options.searching ? { meta: "has_more" } : {});
  let inFlight = 0;
  let maxInFlight = 0;
  const aborted: number[] = [];
  const held: { page: number; release: () => void }[] = [];
  const { client, pages } = stubbedClient((request, index) => {
    const page = pageOf(request);
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    return new Promise<Response>((resolve, reject) => {
      request.signal.addEventListener("abort", () => {
        inFlight -= 1;
        aborted.push(page);
        reject(request.signal.reason);
      });
      if (options.holdFrom !== undefined && page >= options.holdFrom) {
        return;
      }
      if (held.length === 0) {
        setImmediate(() => {
          for (const answer of held.splice(0).sort((a, b) => b.page - a.page)) {
            answer.release();
          }
        });
      }
      held.push({
        page,
        release: async () => {
          inFlight -= 1;
          resolve(page === options.failPage ? json({}, { status: 500 }) : await serve(request, index));
        },
      });
    });
  });
  return { client, pages: () => pages().map(Number), aborted, maxInFlight: () => maxInFlight };
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

describe("listAll with concurrency", () => {
  it("yields every contact once, in order, although pages arrive out of order", async () => {
    const server = heldServer(makeContacts(200));
    expect(await ids(server.client.contacts.listAll({}, { concurrency: 4 }))).toEqual(range(1, 200));
    expect(server.pages().sort((a, b) => a - b)).toEqual(range(1, 14));
  });

  it("keeps at most `concurrency` requests in flight", async () => {
    const server = heldServer(makeContacts(300));
    await ids(server.client.contacts.listAll({}, { concurrency: 4 }));
    expect(server.maxInFlight()).toBe(4);
    const sequential = heldServer(makeContacts(300));
    await ids(sequential.client.contacts.listAll());
    expect(sequential.maxInFlight()).toBe(1);
  });

  it("starts from startPage", async () => {
    const server = heldServer(makeContacts(100));
    expect(await ids(server.client.contacts.listAll({}, { startPage: 3, concurrency: 3 }))).toEqual(range(31, 100));
  });

  it("fetches a search one page at a time: without a total there is nothing to fetch ahead", async () => {
    const server = heldServer(makeContacts(100), { searching: true });
    expect(await ids(server.client.contacts.searchAll("contact", {}, { concurrency: 8 }))).toEqual(range(1, 100));
    expect(server.maxInFlight()).toBe(1);
  });

  it("throws the failing page's error after yielding everything before it, never a short export", async () => {
    const server = heldServer(makeContacts(200), { failPage: 5 });
    const seen: number[] = [];
    const error = await failureOf(server.client.contacts.listAll({}, { concurrency: 4, maxRetries: 0 }), {
      delivered: seen,
    });
    expect(error).toBeInstanceOf(LiveDeskServerError);
    expect(error).toMatchObject({ page: 5, delivered: 60 });
    expect(seen).toEqual(range(1, 60));
  });

  it("cancels pages fetched ahead when the caller stops early", async () => {
    const server = heldServer(makeContacts(300), { holdFrom: 3 });
    expect(await ids(server.client.contacts.listAll({}, { concurrency: 6 }), 20)).toEqual(range(1, 20));
    expect(server.aborted.sort((a, b) => a - b)).toEqual(range(3, 8));
  });

  it("adds one listener to the caller's signal, so that 32 pages in flight warn of no listener leak", async () => {
    const warnings = vi.spyOn(process, "emitWarning");
    const controller = new AbortController();
    const server = heldServer(makeContacts(1_000));
    const listing = server.client.contacts.listAll({}, { concurrency: 32, signal: controller.signal });
    expect(await ids(listing)).toEqual(range(1, 1_000));
    expect(server.maxInFlight()).toBe(32);
    expect(warnings.mock.calls.map(([warning]) => String(warning))).not.toContainEqual(
      expect.stringMatching(/MaxListenersExceeded/),
    );
  });

  it.each([0, 1.5, 33, Number.NaN])("rejects concurrency %s before sending", async (concurrency) => {
    const server = heldServer(makeContacts(10));
    const error = await failureOf(server.client.contacts.listAll({}, { concurrency }));
    expect(error).toBeInstanceOf(LiveDeskArgumentError);
    expect(server.pages()).toEqual([]);
  });
});
