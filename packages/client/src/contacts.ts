import type { components, operations } from "@livedesk/openapi";
import type { ClientContext, RequestOptions, WriteRequestOptions } from "./client.js";
import { LiveDeskArgumentError, LiveDeskPaginationError } from "./errors.js";
import { checkNumericId } from "./ids.js";
import { invalidResponse, isRecord, jsonBody } from "./responses.js";

export type Contact = components["schemas"]["Contact"];
export type ListContactsQuery = NonNullable<operations["listContacts"]["parameters"]["query"]>;
export type CreateContactRequest = components["schemas"]["CreateContactRequest"];
export type CreateContactResponse = components["schemas"]["CreateContactResponse"];
export type UpdateContactRequest = components["schemas"]["UpdateContactRequest"];
/** LiveDesk documents no response for Update Contact: whatever JSON the server sends, `undefined` if none. */
export type UndocumentedResponse = components["schemas"]["UndocumentedBody"] | undefined;

export interface ListAllOptions extends RequestOptions {
  /**
   * Pages fetched at once (default 1, polite to rate limits). Above 1, once the first page gives the total, up to this
   * many following pages are requested ahead; contacts still arrive in order, each once, and every request keeps the
   * retry and back-off policy. Searches (no total) are always fetched one page at a time.
   */
  concurrency?: number | undefined;
}

const MAX_CONCURRENCY = 32;

/** A page of contacts, with `meta.current_page` normalised to a number (the wire sends `1` or `"1"`). */
export interface ContactPage {
  meta: Omit<components["schemas"]["ContactListMeta"], "current_page"> & { current_page: number };
  payload: Contact[];
}

export interface ContactsResource {
  /** One page of contacts (`GET /api/v2/accounts/contacts`). Throws a `LiveDeskError` subclass on any failure. */
  list(query?: ListContactsQuery, options?: RequestOptions): Promise<ContactPage>;
  /**
   * Every matching contact, page after page from `query.page` (default 1), holding one page in memory at a time.
   * A failed page is retried by the client's policy; when that gives up, the iteration throws rather than ending
   * early. Throws `LiveDeskPaginationError` if the server does not honour `page`, instead of repeating contacts.
   */
  listAll(query?: ListContactsQuery, options?: ListAllOptions): AsyncGenerator<Contact, void, undefined>;
  /** One page of contacts whose email, phone number, name or identifier match `q`. */
  search(q: string, query?: Omit<ListContactsQuery, "q">, options?: RequestOptions): Promise<ContactPage>;
  /** Every contact matching `q`, like `listAll`. */
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
   */
  update(id: number, body: UpdateContactRequest, options?: WriteRequestOptions): Promise<UndocumentedResponse>;
}

const CONTACTS_PATH = "/api/v2/accounts/contacts";
const CONTACT_PATH = "/api/v2/accounts/contacts/{id}";

export function createContactsResource({ client, requestInit }: ClientContext): ContactsResource {
  async function list(query: ListContactsQuery = {}, options: RequestOptions = {}): Promise<ContactPage> {
    // parseAs "text" so that a 2xx body that is not JSON becomes an error that shows the body.
    const call = client.GET(CONTACTS_PATH, { params: { query }, parseAs: "text", ...requestInit(options) });
    const { body, response, text } = await jsonBody(call, "GET", CONTACTS_PATH);
    if (!isRecord(body) || !isRecord(body.meta) || !Array.isArray(body.payload)) {
      throw invalidResponse(response, text, "GET", CONTACTS_PATH, "is not a contact list ({meta, payload})");
    }
    const currentPage = toPageNumber(body.meta.current_page);
    if (currentPage === undefined) {
      throw invalidResponse(
        response,
        text,
        "GET",
        CONTACTS_PATH,
        "has a meta.current_page that is neither an integer nor a string of digits",
      );
    }
    const page = body as unknown as ContactPage;
    page.meta.current_page = currentPage;
    return page;
  }

  async function* listAll(query: ListContactsQuery = {}, options: ListAllOptions = {}) {
    const { concurrency = 1, signal: callerSignal, ...requestOptions } = options;
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
      throw new LiveDeskArgumentError(
        "concurrency",
        `expected a whole number from 1 to ${MAX_CONCURRENCY}, got ${concurrency}.`,
      );
    }
    const searching = query.q !== undefined;
    const firstPage = query.page ?? 1;
    // Prefetches answer to this signal, so that pages nobody will read are cancelled when the iteration ends.
    const controller = new AbortController();
    const forwardAbort = () => controller.abort(callerSignal?.reason);
    callerSignal?.addEventListener("abort", forwardAbort, { once: true });
    const prefetched = new Map<number, Promise<ContactPage>>();
    const fetchPage = (page: number) => {
      const answer = list({ ...query, page }, { ...requestOptions, signal: controller.signal });
      answer.catch(() => {}); // awaited later, or abandoned when the iteration stops early
      return answer;
    };
    try {
      let page = firstPage;
      let yielded = 0;
      let largestPage = 0;
      let lastPage: number | undefined;
      let previousIds: number[] | undefined;
      for (;;) {
        callerSignal?.throwIfAborted();
        const answer = prefetched.get(page) ?? fetchPage(page);
        prefetched.delete(page);
        const { meta, payload } = await answer;
        assertServerHonouredPage(page, meta.current_page, payload, previousIds);
        largestPage = Math.max(largestPage, payload.length);
        if (concurrency > 1) {
          lastPage ??= predictLastPage(meta, largestPage, searching);
        }
        // Keep `concurrency` pages in flight while this one is consumed, never past the last page.
        const fetchAheadUntil = lastPage === undefined ? page : Math.min(lastPage, page + concurrency);
        for (let ahead = page + 1; ahead <= fetchAheadUntil; ahead += 1) {
          if (!prefetched.has(ahead)) {
            prefetched.set(ahead, fetchPage(ahead));
          }
        }
        for (const contact of payload) {
          callerSignal?.throwIfAborted();
          yield contact;
        }
        yielded += payload.length;
        if (isLastPage({ meta, pageLength: payload.length, largestPage, yielded, firstPage, searching })) {
          return;
        }
        previousIds = payload.map((contact) => contact.id);
        page += 1;
      }
    } finally {
      callerSignal?.removeEventListener("abort", forwardAbort);
      controller.abort();
    }
  }

  return {
    list,
    listAll,
    search: async (q, query = {}, options = {}) => list({ ...query, q: checkSearch(q) }, options),
    async *searchAll(q, query = {}, options = {}) {
      yield* listAll({ ...query, q: checkSearch(q) }, options);
    },
    async create(body, options = {}) {
      const call = client.POST(CONTACTS_PATH, { body, parseAs: "text", ...requestInit(options) });
      return (await jsonBody(call, "POST", CONTACTS_PATH)).body as CreateContactResponse;
    },
    async update(id, body, options = {}) {
      const params = { path: { id: checkNumericId("id", id) as number } };
      const call = client.PATCH(CONTACT_PATH, { params, body, parseAs: "text", ...requestInit(options) });
      return (await jsonBody(call, "PATCH", CONTACT_PATH, { allowEmpty: true })).body as UndocumentedResponse;
    },
  };
}

function checkSearch(q: unknown): string {
  if (typeof q !== "string" || q.trim() === "") {
    throw new LiveDeskArgumentError("q", "expected a non-empty search string; use list() to list every contact.");
  }
  return q;
}

interface PageProgress {
  meta: ContactPage["meta"];
  pageLength: number;
  largestPage: number;
  yielded: number;
  firstPage: number;
  searching: boolean;
}

/** The number of the last page, when the answer gives a total (searches do not), so that pages can be fetched ahead. */
function predictLastPage(meta: ContactPage["meta"], pageSize: number, searching: boolean): number | undefined {
  if (searching || typeof meta.has_more === "boolean" || pageSize === 0) {
    return undefined;
  }
  return Math.ceil(meta.count / pageSize);
}

/** Decides the end of a listing from whichever signals the server sent (see the spec's `meta` descriptions). */
function isLastPage({ meta, pageLength, largestPage, yielded, firstPage, searching }: PageProgress): boolean {
  if (pageLength === 0) {
    return true;
  }
  // Search answers carry has_more (upstream); it is the only trustworthy signal there.
  if (typeof meta.has_more === "boolean") {
    return !meta.has_more;
  }
  // Without q, count is the total across all pages. With q it counts this page only, so it proves nothing.
  if (!searching && (firstPage - 1) * largestPage + yielded >= meta.count) {
    return true;
  }
  // Pages are filled to a fixed size, so a page shorter than an earlier one is the last.
  return pageLength < largestPage;
}

function assertServerHonouredPage(
  requested: number,
  reported: number,
  payload: readonly Contact[],
  previousIds: readonly number[] | undefined,
): void {
  if (reported !== requested) {
    throw new LiveDeskPaginationError(
      `Stopped listing contacts: asked for page ${requested} but the server answered with page ${reported}. Continuing could repeat contacts forever.`,
      { code: "pagination_stalled" },
    );
  }
  const repeated =
    previousIds !== undefined &&
    payload.length > 0 &&
    payload.length === previousIds.length &&
    payload.every((contact, index) => contact.id === previousIds[index]);
  if (repeated) {
    throw new LiveDeskPaginationError(
      `Stopped listing contacts: page ${requested} holds exactly the contacts of page ${requested - 1}. The server seems to ignore the page parameter.`,
      { code: "pagination_stalled" },
    );
  }
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
