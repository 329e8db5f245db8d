import type { ContactFixture } from "./seed.js";

/** The credentials the simulator accepts unless told otherwise. */
export const DEFAULT_CREDENTIALS = Object.freeze({ apiKey: "test-api-key", apiSecret: "test-api-secret" });

/** An inbox (channel) of the simulated account. */
export interface SimulatedInbox {
  id: number;
  name: string;
  channel_type: string;
}

export interface SimulatorOptions {
  /** Seed of every generated value (contacts, source ids, ticket ids); the same seed gives the same data. Default 1. */
  seed?: number;
  /** How many contacts to generate (default 25), or your own contacts to start with. */
  contacts?: number | ContactFixture[];
  /** The API key that authenticates; default `DEFAULT_CREDENTIALS.apiKey`. Other credentials get a 401. */
  apiKey?: string;
  /** The API secret that authenticates; default `DEFAULT_CREDENTIALS.apiSecret`. */
  apiSecret?: string;
  /**
   * The clock. By default a simulated one that starts at 2026-01-01T00:00:00Z and moves one second ahead with each
   * request, so that ids and timestamps are the same in every run. Pass `() => new Date()` for real time.
   */
  now?: () => Date;
  /** The account's inboxes; default one API inbox with id 407 (the inbox id of LiveDesk's examples). */
  inboxes?: SimulatedInbox[];
  /** The account, as the webhook reports it. */
  account?: { id: number; name: string };
  /** Where to POST `conversation_created` whenever a conversation is created. */
  webhookUrl?: string;
  /** The `fetch` that delivers webhooks; default the global one. */
  webhookFetch?: (url: string, init: RequestInit) => Promise<Response>;
  /**
   * How `sort` and `direction` combine (ledger row contacts-23). `"direction"` (default, as LiveDesk documents):
   * `direction` orders, and a `-` prefix on `sort` orders descending when no `direction` is sent. `"prefix"` (upstream
   * Chatwoot, which sorts with Sift): only the `-` prefix orders descending, `direction` is ignored.
   */
  sortDirection?: "direction" | "prefix";
  /**
   * `meta` of a search (`q` present), an open question (ledger row contacts-11). `"total"` (default; LiveDesk's
   * example shows only `count` and `current_page`): `count` is the number of matches across all pages. `"has_more"`
   * (newer upstream search route): `count` is the number on this page and `has_more` says whether another follows.
   */
  searchMeta?: "total" | "has_more";
}

export type Settings = Required<Omit<SimulatorOptions, "now" | "webhookUrl">> &
  Pick<SimulatorOptions, "now" | "webhookUrl">;

const DEFAULT_INBOXES: SimulatedInbox[] = [{ id: 407, name: "Customer Service Channel", channel_type: "Channel::Api" }];

/** The options with their defaults, or a TypeError that names what is wrong. */
export function checkOptions(options: SimulatorOptions): Settings {
  const fail = (name: string, expected: string, got: unknown): never => {
    throw new TypeError(`createSimulator: ${name} must be ${expected}, got ${JSON.stringify(got) ?? typeof got}.`);
  };
  const settings: Settings = {
    seed: 1,
    contacts: 25,
    apiKey: DEFAULT_CREDENTIALS.apiKey,
    apiSecret: DEFAULT_CREDENTIALS.apiSecret,
    inboxes: DEFAULT_INBOXES,
    account: { id: 1, name: "Simulated account" },
    webhookFetch: (url, init) => globalThis.fetch(url, init),
    sortDirection: "direction",
    searchMeta: "total",
    ...withoutUndefined(options),
  };
  const { seed, contacts, apiKey, apiSecret, inboxes, webhookUrl, sortDirection, searchMeta, now } = settings;
  if (!Number.isSafeInteger(seed)) {
    fail("seed", "a whole number", seed);
  }
  if (!(Array.isArray(contacts) || (Number.isInteger(contacts) && contacts >= 0))) {
    fail("contacts", "how many contacts to generate (0 or more) or an array of contacts", contacts);
  }
  for (const [name, value] of [
    ["apiKey", apiKey],
    ["apiSecret", apiSecret],
  ] as const) {
    if (typeof value !== "string" || value === "") {
      // The value itself is never echoed: it is a credential.
      throw new TypeError(`createSimulator: ${name} must be a non-empty string.`);
    }
  }
  if (!Array.isArray(inboxes) || inboxes.some((inbox) => !Number.isInteger(inbox?.id) || inbox.id < 1)) {
    fail("inboxes", "an array of { id, name, channel_type } with whole-number ids of 1 or more", inboxes);
  }
  if (webhookUrl !== undefined && !URL.canParse(webhookUrl)) {
    fail("webhookUrl", "an absolute URL", webhookUrl);
  }
  if (sortDirection !== "direction" && sortDirection !== "prefix") {
    fail("sortDirection", '"direction" or "prefix"', sortDirection);
  }
  if (searchMeta !== "total" && searchMeta !== "has_more") {
    fail("searchMeta", '"total" or "has_more"', searchMeta);
  }
  if (now !== undefined && typeof now !== "function") {
    fail("now", "a function that returns a Date", now);
  }
  return settings;
}

function withoutUndefined<T extends object>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as Partial<T>;
}
