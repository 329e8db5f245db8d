import { inspect } from "node:util";
import type { Contact } from "../src/index.js";

export const API_KEY = "key-4e1f0c";
export const API_SECRET = "secret-9a7d2b";

/** A `fetch` stand-in that records every request and answers with `respond`. No network. */
export function stubFetch(respond: (request: Request) => Response | Promise<Response>) {
  const requests: Request[] = [];
  const fetch = async (input: string | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    requests.push(request.clone());
    return respond(request);
  };
  return { fetch, requests };
}

export function json(body: unknown, init: ResponseInit = {}): Response {
  return Response.json(body, init);
}

export function makeContacts(count: number): Contact[] {
  return Array.from({ length: count }, (_, index) => ({ id: index + 1, name: `contact ${index + 1}` }));
}

export interface PagedServerOptions {
  pageSize?: number;
  /** How `meta` reports the page: as sent on the wire by List (string) or Search (integer). */
  currentPageAs?: "string" | "integer";
  /** Which end-of-list signals the server includes. */
  meta?: "count" | "has_more" | "none";
}

/** Serves `contacts` page by page like LiveDesk: `?page=N`, 15 per page unless told otherwise. */
export function pagedServer(contacts: readonly Contact[], options: PagedServerOptions = {}) {
  const { pageSize = 15, currentPageAs = "string", meta = "count" } = options;
  return (request: Request): Response => {
    const page = Number(new URL(request.url).searchParams.get("page") ?? "1");
    const payload = contacts.slice((page - 1) * pageSize, page * pageSize);
    const current_page = currentPageAs === "string" ? String(page) : page;
    const signals =
      meta === "count"
        ? { count: contacts.length }
        : meta === "has_more"
          ? { count: payload.length, has_more: page * pageSize < contacts.length }
          : {};
    return json({ meta: { current_page, ...signals }, payload });
  };
}

/** Every way an error (or any value) ends up in logs: to scan it for credentials. */
export function renderings(value: unknown): string {
  const record = (value ?? {}) as { message?: unknown; stack?: unknown; cause?: unknown };
  return [
    String(value),
    String(record.message),
    String(record.stack),
    JSON.stringify(value),
    inspect(value, { depth: 10, showHidden: true }),
    inspect(record.cause, { depth: 10, showHidden: true }),
    String((record.cause as { stack?: unknown } | undefined)?.stack),
  ].join("\n");
}
