// What the client's tests share: one stubbed client, the page server it talks to, and one way to catch a failure,
// which also scans it for credentials. Nothing here touches the network.
import { inspect } from "node:util";
import { expect } from "vitest";
import { type Contact, createLiveDeskClient, type LiveDeskClientOptions } from "../src/index.js";

export const API_KEY = "key-4e1f0c";
/** A secret that percent-encoding, JSON and base64 all change, so that the credential scan sees every form. */
export const API_SECRET = 'secret/9a7d+2b="ü"';

/** Answers one request; `index` counts from 0. */
export type Respond = (request: Request, index: number) => Response | Promise<Response>;

/**
 * A client whose `fetch` records every request and answers with `respond`. Waits between retries are 0 ms unless
 * the options say otherwise, so retrying tests never sleep.
 */
export function stubbedClient(respond: Respond = () => json({}), options: Partial<LiveDeskClientOptions> = {}) {
  const requests: Request[] = [];
  const fetch = async (input: Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    requests.push(request.clone());
    return respond(request, requests.length - 1);
  };
  const client = createLiveDeskClient({
    apiKey: API_KEY,
    apiSecret: API_SECRET,
    fetch,
    maxRetryDelayMs: 0,
    ...options,
  });
  return { client, requests, pages: () => requests.map((request) => new URL(request.url).searchParams.get("page")) };
}

export function json(body: unknown, init: ResponseInit = {}): Response {
  return Response.json(body, init);
}

export function makeContacts(count: number, firstId = 1): Contact[] {
  return Array.from({ length: count }, (_, index) => ({ id: firstId + index, name: `contact ${firstId + index}` }));
}

export const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

export async function collect(contacts: AsyncIterable<Contact>): Promise<number[]> {
  const ids: number[] = [];
  for await (const contact of contacts) {
    ids.push(contact.id);
  }
  return ids;
}

export interface PagedServerOptions {
  pageSize?: number;
  /** How `meta` reports the page: as sent on the wire by List (string) or Search (integer). */
  currentPageAs?: "string" | "integer";
  /** Which end-of-list signals the server includes. */
  meta?: "count" | "has_more" | "none";
}

/** Serves `contacts` page by page like LiveDesk: `?page=N`, 15 per page unless told otherwise. */
export function pagedServer(contacts: readonly Contact[], options: PagedServerOptions = {}): Respond {
  const { pageSize = 15, currentPageAs = "string", meta = "count" } = options;
  return (request) => json(contactPage(contacts, pageOf(request), { pageSize, currentPageAs, meta }));
}

/** The body of page `page` of `contacts`, as `pagedServer` serves it. */
export function contactPage(
  contacts: readonly Contact[],
  page: number,
  { pageSize = 15, currentPageAs = "string", meta = "count" }: PagedServerOptions = {},
) {
  const payload = contacts.slice((page - 1) * pageSize, page * pageSize);
  const current_page = currentPageAs === "string" ? String(page) : page;
  const signals =
    meta === "count"
      ? { count: contacts.length }
      : meta === "has_more"
        ? { count: payload.length, has_more: page * pageSize < contacts.length }
        : {};
  return { meta: { current_page, ...signals }, payload };
}

export function pageOf(request: Request | { url: string }): number {
  return Number(new URL(request.url, "http://localhost").searchParams.get("page") ?? "1");
}

/**
 * The drain-and-catch wrapper: runs `subject` (a promise, a function, or an export to drain, whose ids go into
 * `delivered`), expects it to fail, scans the failure for credentials and returns it.
 */
export async function failureOf(
  subject: PromiseLike<unknown> | AsyncIterable<Contact> | (() => unknown),
  { delivered = [], credentials }: { delivered?: number[]; credentials?: Credentials } = {},
): Promise<unknown> {
  try {
    if (typeof subject === "function") {
      await subject();
    } else if (Symbol.asyncIterator in subject) {
      for await (const contact of subject) {
        delivered.push(contact.id);
      }
    } else {
      await subject;
    }
  } catch (error) {
    expectNoCredentials(error, credentials);
    return error;
  }
  throw new Error("expected a failure, but the call succeeded");
}

export interface Credentials {
  apiKey: string;
  apiSecret: string;
}

/**
 * The credential scan: fails if any rendering of `value` (message, fields, cause chain, stack, toString,
 * JSON.stringify, util.inspect) holds the key, the secret, `key:secret`, its base64, or any of them percent-encoded
 * (either case of hex digits) or JSON-escaped. Forms shorter than 4 characters are skipped: they occur by chance.
 */
export function expectNoCredentials(value: unknown, { apiKey, apiSecret }: Credentials = CREDENTIALS): void {
  const pair = `${apiKey}:${apiSecret}`;
  const forms = {
    key: apiKey,
    secret: apiSecret,
    "key:secret": pair,
    "base64 of key:secret": Buffer.from(pair).toString("base64"),
  };
  const text = renderings(value);
  for (const [what, form] of Object.entries(forms)) {
    const encoded = encodeURIComponent(form);
    for (const variant of new Set([
      form,
      encoded,
      encoded.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
      JSON.stringify(form).slice(1, -1),
    ])) {
      if (variant.length >= 4) {
        expect(text.includes(variant), `${what} (as ${JSON.stringify(variant)}) in:\n${text}`).toBe(false);
      }
    }
  }
}

export const CREDENTIALS: Credentials = { apiKey: API_KEY, apiSecret: API_SECRET };

/** Every way a value ends up in logs. */
function renderings(value: unknown): string {
  const texts: string[] = [];
  for (let current = value, depth = 0; current !== undefined && current !== null && depth < 5; depth += 1) {
    const record = current as { message?: unknown; stack?: unknown; cause?: unknown };
    const fields = typeof current === "object" ? Object.getOwnPropertyNames(current) : [];
    texts.push(
      String(current),
      String(record.message),
      String(record.stack),
      JSON.stringify(current) ?? "",
      inspect(current, { depth: 10, showHidden: true }),
      ...fields.map((name) => inspect((current as Record<string, unknown>)[name], { depth: 10 })),
    );
    current = record.cause;
  }
  return texts.join("\n");
}
