import { LiveDeskArgumentError } from "./errors.js";
import { type Contact, type ContactPage, exportContacts, isContact, type ListAllOptions } from "./pagination.js";
import { checkContactId } from "./path-params.js";
import { invalidResponse, jsonBody } from "./responses.js";
import type { ClientContext, components, operations, RequestOptions, WriteRequestOptions } from "./types.js";
import { describe, isRecord } from "./values.js";

export type { Contact, ContactPage, ListAllOptions } from "./pagination.js";
/**
 * The query of List Contacts: `page` (from 1), `labels` (any of them), `include_contact_inboxes`, `sort`, `direction`
 * and the search text `q`. The client rejects values LiveDesk would misread (`page: 0`, `labels: []`, a label with a
 * comma, an undocumented `sort`) with a `LiveDeskArgumentError` before sending.
 */
export type ListContactsQuery = NonNullable<operations["listContacts"]["parameters"]["query"]>;
/** The body of Create Contact: the `inbox_id` of the contact's inbox, and its name, email, phone number and more. */
export type CreateContactRequest = components["schemas"]["CreateContactRequest"];
/** What Create Contact returns: the new contact in `payload.contact`. Do not rely on it echoing what you sent. */
export type CreateContactResponse = components["schemas"]["CreateContactResponse"];
/** The body of Update Contact: only the fields to change. */
export type UpdateContactRequest = components["schemas"]["UpdateContactRequest"];
/** LiveDesk documents no response for Update Contact: whatever JSON the server sends, `undefined` if none. */
export type UndocumentedResponse = components["schemas"]["UndocumentedBody"] | undefined;

/** The contact helpers, `livedesk.contacts`. Each throws a `LiveDeskError` subclass on any failure. */
export interface ContactsResource {
  /** One page of contacts (`GET /api/v2/accounts/contacts`). Throws a `LiveDeskError` subclass on any failure. */
  list(query?: ListContactsQuery, options?: RequestOptions): Promise<ContactPage>;
  /**
   * Every matching contact, page after page from `options.startPage` (or `query.page`; default 1), holding one page
   * in memory at a time (up to `options.concurrency` pages). A failed page is retried by the client's policy; when
   * that gives up, the iteration throws rather than ending early, and the error's `page` and `delivered` say where to
   * resume. Throws
   * `LiveDeskIncompleteExportError` when the server's own numbers say contacts are missing, and
   * `LiveDeskPaginationError` if the server does not honour `page`, instead of repeating contacts.
   */
  listAll(query?: ListContactsQuery, options?: ListAllOptions): AsyncGenerator<Contact, void, undefined>;
  /**
   * One page of contacts whose email, phone number, name or identifier match `q` (a non-empty string). LiveDesk does
   * not document whether matching is exact or partial.
   */
  search(q: string, query?: Omit<ListContactsQuery, "q">, options?: RequestOptions): Promise<ContactPage>;
  /** Every contact matching `q`, like `listAll`, one page at a time (searches give no total to fetch ahead by). */
  searchAll(
    q: string,
    query?: Omit<ListContactsQuery, "q">,
    options?: ListAllOptions,
  ): AsyncGenerator<Contact, void, undefined>;
  /** Creates a contact in an inbox (`POST /api/v2/accounts/contacts`). Not retried unless `idempotent`. */
  create(body: CreateContactRequest, options?: WriteRequestOptions): Promise<CreateContactResponse>;
  /**
   * Updates a contact (`PATCH /api/v2/accounts/contacts/{id}`); `custom_attributes` and `additional_attributes` are
   * merged into the stored ones. Not retried unless `idempotent`.
   * @param id - The contact's `id`, a positive integer.
   */
  update(id: number, body: UpdateContactRequest, options?: WriteRequestOptions): Promise<UndocumentedResponse>;
}

const CONTACTS_PATH = "/api/v2/accounts/contacts";
const CONTACT_PATH = "/api/v2/accounts/contacts/{id}";

export function createContactsResource({ client }: ClientContext): ContactsResource {
  /** One page, checked as far as every page must be: `{meta, payload}` with a page number. */
  async function readPage(query: ListContactsQuery, options: RequestOptions) {
    // parseAs "text" so that a 2xx body that is not JSON becomes an error that shows the body.
    const call = client(options).GET(CONTACTS_PATH, { params: { query }, parseAs: "text" });
    const { body, response, text } = await jsonBody(call, "GET", CONTACTS_PATH, options);
    const fail = (problem: string) => invalidResponse(response, text, "GET", CONTACTS_PATH, problem);
    if (!isRecord(body) || !isRecord(body.meta) || !Array.isArray(body.payload)) {
      throw fail("is not a contact list ({meta, payload})");
    }
    const currentPage = toPageNumber(body.meta.current_page);
    if (currentPage === undefined) {
      throw fail("has a meta.current_page that is neither an integer nor a string of digits");
    }
    const page = body as unknown as ContactPage;
    page.meta.current_page = currentPage;
    return { page, fail };
  }

  async function list(query: ListContactsQuery = {}, options: RequestOptions = {}): Promise<ContactPage> {
    const { page, fail } = await readPage(query, options);
    const notContact = page.payload.findIndex((item) => !isContact(item));
    if (notContact >= 0) {
      throw fail(`holds ${describe(page.payload[notContact])} at payload[${notContact}], not a contact`);
    }
    return page;
  }

  async function* listAll(query: ListContactsQuery = {}, options: ListAllOptions = {}) {
    const { page, ...filters } = query;
    if (page !== undefined && options.startPage !== undefined && page !== options.startPage) {
      throw new LiveDeskArgumentError(
        "startPage",
        `it is ${describe(options.startPage)} but query.page is ${describe(page)}; pass the start page once, as startPage.`,
      );
    }
    yield* exportContacts(
      async (number, pageOptions) => (await readPage({ ...filters, page: number }, pageOptions)).page,
      filters.q !== undefined,
      { ...options, startPage: options.startPage ?? page },
    );
  }

  return {
    list,
    listAll,
    search: async (q, query = {}, options = {}) => list({ ...query, q: checkSearch(q) }, options),
    async *searchAll(q, query = {}, options = {}) {
      yield* listAll({ ...query, q: checkSearch(q) }, options);
    },
    async create(body, options = {}) {
      const call = client(options).POST(CONTACTS_PATH, { body, parseAs: "text" });
      return (await jsonBody(call, "POST", CONTACTS_PATH, options)).body as CreateContactResponse;
    },
    async update(id, body, options = {}) {
      const params = { path: { id: checkContactId("id", id) } };
      const call = client(options).PATCH(CONTACT_PATH, { params, body, parseAs: "text" });
      return (await jsonBody(call, "PATCH", CONTACT_PATH, options, true)).body as UndocumentedResponse;
    },
  };
}

function checkSearch(q: unknown): string {
  if (typeof q !== "string" || q.trim() === "") {
    throw new LiveDeskArgumentError(
      "q",
      `expected a non-blank search string, got ${describe(q)}; use list() to list every contact.`,
    );
  }
  return q;
}

function toPageNumber(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isInteger(value)) {
    return value;
  }
  if (typeof value === "string" && /^[0-9]+$/.test(value)) {
    return Number(value);
  }
  return undefined;
}
