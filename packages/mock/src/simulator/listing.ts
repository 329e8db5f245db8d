import type { SimulatedContact } from "./simulator.js";

/** Contacts per page: fixed, as LiveDesk documents ("15 items per page") and upstream defines. */
export const PAGE_SIZE = 15;

export interface ListingQuery {
  q?: string | undefined;
  labels?: string[] | undefined;
  sort?: string | undefined;
  direction?: string | undefined;
}

/** The contacts a list or search answers with, in order, before paging. */
export function listContacts(
  contacts: readonly SimulatedContact[],
  { q, labels, sort, direction }: ListingQuery,
  sortDirection: "direction" | "prefix",
): SimulatedContact[] {
  const wanted = labels && new Set(normaliseLabels(labels));
  const search = q?.trim();
  const matching = contacts.filter(
    (contact) =>
      (wanted === undefined || contact.labels.some((label) => wanted.has(label))) &&
      (search === undefined || matchesSearch(contact, search)),
  );
  const order = sort === undefined ? undefined : sortOrder(sort, direction, sortDirection);
  return order ? matching.sort(order) : matching;
}

/** Upstream tags: split on commas, trimmed, compared case-insensitively. */
export function normaliseLabels(labels: readonly string[]): string[] {
  const names = labels.flatMap((label) => label.split(",")).map((label) => label.trim().toLowerCase());
  return [...new Set(names)].filter(Boolean);
}

function matchesSearch(contact: SimulatedContact, search: string): boolean {
  // Upstream: ILIKE '%q%' on name, email and phone number, LIKE (case-sensitive) on identifier.
  const needle = search.toLowerCase();
  return (
    [contact.name, contact.email, contact.phone_number].some((value) => value?.toLowerCase().includes(needle)) ||
    (contact.identifier?.includes(search) ?? false)
  );
}

type SortKey = (contact: SimulatedContact) => string | number | null | undefined;

const SORT_KEYS: Record<string, SortKey> = {
  email: (contact) => contact.email,
  name: (contact) => contact.name,
  phone_number: (contact) => contact.phone_number,
  last_activity_at: (contact) => contact.last_activity_at,
  created_at: (contact) => contact.created_at,
  // Upstream sorts `company` by additional_attributes.company_name, and city and country by theirs.
  company: (contact) => attribute(contact, "company_name"),
  city: (contact) => attribute(contact, "city"),
  country: (contact) => attribute(contact, "country"),
};

/**
 * Strings compare case-insensitively, missing and empty values come last in either direction (upstream sorts with
 * NULLS LAST), and ties go by id.
 */
function sortOrder(
  sort: string,
  direction: string | undefined,
  mode: "direction" | "prefix",
): ((a: SimulatedContact, b: SimulatedContact) => number) | undefined {
  const prefixed = sort.startsWith("-");
  const key = SORT_KEYS[prefixed ? sort.slice(1) : sort];
  if (!key) {
    return undefined;
  }
  const descending = mode === "prefix" || direction === undefined ? prefixed : direction === "desc";
  const sign = descending ? -1 : 1;
  return (a, b) => {
    const left = comparable(key(a));
    const right = comparable(key(b));
    if (left === undefined || right === undefined) {
      return left === right ? a.id - b.id : left === undefined ? 1 : -1;
    }
    return (left < right ? -sign : left > right ? sign : 0) || a.id - b.id;
  };
}

function comparable(value: string | number | null | undefined): string | number | undefined {
  if (value === null || value === undefined || value === "") {
    return undefined;
  }
  return typeof value === "string" ? value.toLowerCase() : value;
}

function attribute(contact: SimulatedContact, name: string): string | undefined {
  const value = contact.additional_attributes[name];
  return typeof value === "string" ? value : undefined;
}
