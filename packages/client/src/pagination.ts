import { atPage, LiveDeskArgumentError, LiveDeskIncompleteExportError, LiveDeskPaginationError } from "./errors.js";
import type { components, RequestOptions } from "./types.js";
import { describe, isRecord } from "./values.js";

/** A contact as the list and search endpoints return it (the spec's `Contact` schema); `id` is a positive integer. */
export type Contact = components["schemas"]["Contact"];

/** A page of contacts, with `meta.current_page` normalised to a number (the wire sends `1` or `"1"`). */
export interface ContactPage {
  /**
   * About the page: `count` (without `q`, the total of matching contacts across all pages; with `q`, the contacts on
   * this page), `current_page`, and for searches `has_more` (whether another page follows), when the server sends it.
   */
  meta: Omit<components["schemas"]["ContactListMeta"], "current_page"> & {
    /** The page number, from 1, as a number whatever the wire sent. */
    current_page: number;
  };
  /** The page's contacts; LiveDesk documents a fixed page size of 15. */
  payload: Contact[];
}

/** The options of `contacts.listAll` and `searchAll`: those of every call, plus where to start and how fast. */
export interface ListAllOptions extends RequestOptions {
  /**
   * Pages fetched at once (default 1, polite to rate limits). Above 1, once the first page gives the total, up to this
   * many following pages are requested ahead; contacts still arrive in order, each once, and every request keeps the
   * retry and back-off policy. Searches (no total) are always fetched one page at a time.
   */
  concurrency?: number | undefined;
  /**
   * The page to start from (default `query.page`, else 1), e.g. the `page` of an error that stopped an earlier
   * export. A whole number of 1 or more.
   */
  startPage?: number | undefined;
}

/** Reads one page under the given signal. */
type ReadPage = (page: number, options: RequestOptions) => Promise<ContactPage>;

const MAX_CONCURRENCY = 32;
/** LiveDesk's documented, fixed page size; used only to place the first page of a resumed export. */
const DOCUMENTED_PAGE_SIZE = 15;

/** A contact as far as an export needs one: an object with a positive integer `id`. */
export function isContact(value: unknown): value is Contact {
  return isRecord(value) && Number.isSafeInteger(value.id) && (value.id as number) > 0;
}

/**
 * Every contact from `startPage` on, in order, each once, holding at most `concurrency` pages. Each page is checked
 * before any of its contacts is delivered, so an error's `page` is where to resume and `delivered` is exact.
 */
export async function* exportContacts(
  read: ReadPage,
  searching: boolean,
  { concurrency = 1, startPage = 1, signal: callerSignal, ...requestOptions }: ListAllOptions,
): AsyncGenerator<Contact, void, undefined> {
  for (const [name, value, max] of [
    ["concurrency", concurrency, MAX_CONCURRENCY],
    ["startPage", startPage, Number.MAX_SAFE_INTEGER],
  ] as const) {
    if (!Number.isInteger(value) || value < 1 || value > max) {
      throw new LiveDeskArgumentError(name, `expected a whole number from 1 to ${max}, got ${describe(value)}.`);
    }
  }
  // A controller per page, so that pages nobody will read are cancelled when the iteration ends, and no signal
  // collects a listener per page in flight.
  const inFlight = new Map<number, { answer: Promise<ContactPage>; controller: AbortController }>();
  const request = (page: number) => {
    const controller = new AbortController();
    const answer = read(page, { ...requestOptions, signal: controller.signal });
    answer.catch(() => {}); // awaited later, or abandoned when the iteration stops early
    inFlight.set(page, { answer, controller });
  };
  const cancel = () => {
    for (const { controller } of inFlight.values()) {
      controller.abort(callerSignal?.reason);
    }
  };
  callerSignal?.addEventListener("abort", cancel, { once: true });
  const progress = new ExportProgress(startPage, searching);
  let page = startPage;
  try {
    for (;;) {
      callerSignal?.throwIfAborted();
      if (!inFlight.has(page)) {
        request(page);
      }
      const current = await inFlight.get(page)?.answer;
      inFlight.delete(page);
      const last = progress.check(page, current as ContactPage);
      // Keep `concurrency` pages in flight while this one is consumed, never past the last page.
      const until = last || concurrency === 1 ? page : Math.min(progress.lastPage ?? page, page + concurrency);
      for (let ahead = page + 1; ahead <= until; ahead += 1) {
        if (!inFlight.has(ahead)) {
          request(ahead);
        }
      }
      for (const contact of (current as ContactPage).payload) {
        callerSignal?.throwIfAborted();
        yield contact;
        progress.delivered += 1;
      }
      if (last) {
        return;
      }
      page += 1;
    }
  } catch (error) {
    throw atPage(error, page, progress.delivered);
  } finally {
    callerSignal?.removeEventListener("abort", cancel);
    cancel();
  }
}

/** What an export has seen so far, to decide from the server's own numbers whether a page is the last. */
class ExportProgress {
  delivered = 0;
  /** The last page, once the total and the page size tell it. */
  lastPage: number | undefined;
  private largest = 0;
  private claimed: number | undefined;
  private previousIds: number[] | undefined;

  constructor(
    private readonly startPage: number,
    private readonly searching: boolean,
  ) {}

  /** Throws unless `current` continues the export consistently; true when it is the last page. */
  check(page: number, { meta, payload }: ContactPage): boolean {
    if (meta.current_page !== page) {
      throw new LiveDeskPaginationError(
        `Stopped listing contacts: asked for page ${page} but the server answered with page ${meta.current_page}. Continuing could repeat contacts forever.`,
        { code: "pagination_stalled" },
      );
    }
    const notContact = payload.findIndex((item) => !isContact(item));
    if (notContact >= 0) {
      throw this.incomplete(`item ${notContact} of page ${page} is ${describe(payload[notContact])}, not a contact`);
    }
    const ids = payload.map((contact) => contact.id);
    if (ids.length > 0 && ids.join() === this.previousIds?.join()) {
      throw new LiveDeskPaginationError(
        `Stopped listing contacts: page ${page} holds exactly the contacts of page ${page - 1}. The server seems to ignore the page parameter.`,
        { code: "pagination_stalled" },
      );
    }
    this.previousIds = ids;
    const { length } = payload;
    const shorter = length < this.largest;
    if (length > this.largest && this.largest > 0) {
      throw this.incomplete(`page ${page - 1} held ${this.largest} contacts, fewer than the ${length} of page ${page}`);
    }
    this.largest = Math.max(this.largest, length);
    // Without q, count is the total across all pages; with q, where upstream also sends has_more, it counts the page
    // only (the spec's meta.count). has_more is then the only signal to go by.
    const count = this.searching || typeof meta.has_more === "boolean" ? undefined : meta.count;
    if (typeof count === "number") {
      if (this.claimed !== undefined && count < this.claimed) {
        throw this.incomplete(
          `the total fell from ${this.claimed} to ${count} at page ${page}; contacts deleted during an export shift the later pages, so some may have been skipped`,
        );
      }
      this.claimed = count;
      const before = (this.startPage - 1) * Math.max(this.largest, DOCUMENTED_PAGE_SIZE);
      if (before + this.delivered + length >= count) {
        return true;
      }
      if (length === 0 || shorter) {
        throw this.incomplete(`page ${page} ends the list with ${length} contacts, but the total says more follow`);
      }
      this.lastPage = Math.ceil(count / this.largest);
      return false;
    }
    if (typeof meta.has_more === "boolean") {
      if (meta.has_more && length === 0) {
        throw this.incomplete(`page ${page} is empty, but has_more says more follow`);
      }
      return !meta.has_more;
    }
    // No numbers to go by: pages are filled to a fixed size, so a page shorter than an earlier one is the last.
    return length === 0 || shorter;
  }

  private incomplete(problem: string): LiveDeskIncompleteExportError {
    return new LiveDeskIncompleteExportError(
      `Export incomplete: ${problem}. The server claimed ${this.claimed ?? "no total"}; a partial export never ends quietly.`,
      { code: "incomplete_export", claimed: this.claimed },
    );
  }
}
