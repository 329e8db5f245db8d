import type { ClientContext, RequestOptions } from "./client.js";
import { errorFromResponse, LiveDeskInvalidResponseError, LiveDeskPaginationError, truncate } from "./errors.js";
import type { components, operations } from "./generated/openapi.js";

export type Contact = components["schemas"]["Contact"];
export type ListContactsQuery = NonNullable<operations["listContacts"]["parameters"]["query"]>;

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
  listAll(query?: ListContactsQuery, options?: RequestOptions): AsyncGenerator<Contact, void, undefined>;
}

const CONTACTS_PATH = "/api/v2/accounts/contacts";
const BODY_EXCERPT_LIMIT = 500;

export function createContactsResource({ client, requestInit }: ClientContext): ContactsResource {
  async function list(query: ListContactsQuery = {}, options: RequestOptions = {}): Promise<ContactPage> {
    // parseAs "text" so that a 2xx body that is not JSON becomes an error that shows the body.
    const { data, error, response } = await client.GET(CONTACTS_PATH, {
      params: { query },
      parseAs: "text",
      ...requestInit(options),
    });
    if (!response.ok) {
      throw errorFromResponse(response, "GET", CONTACTS_PATH, error);
    }
    return parseContactPage(response, typeof data === "string" ? data : "");
  }

  async function* listAll(query: ListContactsQuery = {}, options: RequestOptions = {}) {
    const { signal } = options;
    const firstPage = query.page ?? 1;
    let page = firstPage;
    let yielded = 0;
    let largestPage = 0;
    let previousIds: number[] | undefined;
    for (;;) {
      signal?.throwIfAborted();
      const { meta, payload } = await list({ ...query, page }, options);
      assertServerHonouredPage(page, meta.current_page, payload, previousIds);
      for (const contact of payload) {
        signal?.throwIfAborted();
        yield contact;
      }
      yielded += payload.length;
      largestPage = Math.max(largestPage, payload.length);
      if (
        isLastPage({
          meta,
          pageLength: payload.length,
          largestPage,
          yielded,
          firstPage,
          searching: query.q !== undefined,
        })
      ) {
        return;
      }
      previousIds = payload.map((contact) => contact.id);
      page += 1;
    }
  }

  return { list, listAll };
}

interface PageProgress {
  meta: ContactPage["meta"];
  pageLength: number;
  largestPage: number;
  yielded: number;
  firstPage: number;
  searching: boolean;
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

function parseContactPage(response: Response, text: string): ContactPage {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw invalidResponse(response, text, "is not JSON");
  }
  if (!isRecord(body) || !isRecord(body.meta) || !Array.isArray(body.payload)) {
    throw invalidResponse(response, text, "is not a contact list ({meta, payload})");
  }
  const currentPage = toPageNumber(body.meta.current_page);
  if (currentPage === undefined) {
    throw invalidResponse(response, text, "has a meta.current_page that is neither an integer nor a string of digits");
  }
  const page = body as unknown as ContactPage;
  page.meta.current_page = currentPage;
  return page;
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

function invalidResponse(response: Response, text: string, problem: string): LiveDeskInvalidResponseError {
  const contentType = response.headers.get("content-type") ?? undefined;
  return new LiveDeskInvalidResponseError(
    `LiveDesk answered HTTP ${response.status} (${contentType ?? "no content type"}) on GET ${CONTACTS_PATH}, but the body ${problem}. It begins: ${JSON.stringify(text.slice(0, 120))}`,
    {
      code: "invalid_response",
      status: response.status,
      body: truncate(text, BODY_EXCERPT_LIMIT),
      contentType,
      method: "GET",
      url: response.url || undefined,
    },
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
