import { readFileSync } from "node:fs";
import { openapiJsonPath } from "@livedesk/openapi";

/** LiveDesk's page size for List Contacts. */
export const PAGE_SIZE = 15;

export const API_KEY = "bench-key";
export const API_SECRET = "bench-secret";
export const AUTHORIZATION = `Basic ${btoa(`${API_KEY}:${API_SECRET}`)}`;
export const CONTACTS_PATH = "/api/v2/accounts/contacts";

/** Contacts between two forced GCs of a `live-heap` export: 100 pages, often enough to see a buffer grow. */
export const LIVE_HEAP_EVERY = 1_500;

// The contact of the spec's List Contacts example, so that every page has a realistic size and shape.
const fixture = JSON.parse(readFileSync(openapiJsonPath, "utf8")).components.examples.ListContactsPage.value;
// Everything after `{"id":…,`: JSON.stringify drops the undefined id, so a contact is `{"id":N,` + this.
const contactRest = JSON.stringify({ ...fixture.payload[0], id: undefined }).slice(1);

/**
 * The JSON body of page `page` (from 1) of a listing of `total` contacts with ids 1…total, as List Contacts sends it:
 * `meta.count` is the total and `meta.current_page` is echoed as a string. Built by concatenation, so that serving
 * a page costs the server little next to what the client under test does.
 */
export function pageBody(page, total) {
  const contacts = [];
  for (let id = (page - 1) * PAGE_SIZE + 1; id <= Math.min(page * PAGE_SIZE, total); id += 1) {
    contacts.push(`{"id":${id},${contactRest}`);
  }
  return `{"meta":{"count":${total},"current_page":"${page}"},"payload":[${contacts.join(",")}]}`;
}
