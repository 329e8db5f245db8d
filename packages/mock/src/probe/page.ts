import { isObject } from "../spec-fields.js";
import type { ProbeResponse } from "./http.js";

/** One answer of List Contacts, read loosely: the probe reports what it sees, whatever its shape. */
export interface ContactsPage {
  response: ProbeResponse;
  /** The `meta` fields as sent (`undefined` when absent). */
  count: unknown;
  currentPage: unknown;
  hasMore: unknown;
  contacts: Record<string, unknown>[];
}

export function readPage(response: ProbeResponse): ContactsPage | undefined {
  const body = response.json;
  if (response.status !== 200 || !isObject(body) || !Array.isArray(body.payload)) {
    return undefined;
  }
  const meta = isObject(body.meta) ? body.meta : {};
  return {
    response,
    count: meta.count,
    currentPage: meta.current_page,
    hasMore: meta.has_more,
    contacts: body.payload.filter(isObject),
  };
}

/** The JSON Schema type of a value, `missing` for undefined. */
export function jsonType(value: unknown): string {
  if (value === undefined) {
    return "missing";
  }
  if (value === null) {
    return "null";
  }
  if (Array.isArray(value)) {
    return "array";
  }
  if (typeof value === "number") {
    return Number.isInteger(value) ? "integer" : "number";
  }
  return typeof value;
}

/** `1 (integer)`, `"1" (string)`, `missing`. */
export function shown(value: unknown): string {
  return value === undefined ? "missing" : `${JSON.stringify(value)} (${jsonType(value)})`;
}

/** A short account of an answer for evidence: status, content type and the start of the body. */
export function summary(response: ProbeResponse, limit = 200): string {
  const page = readPage(response);
  if (page) {
    return `${response.status}, a page of ${page.contacts.length} contacts, meta ${JSON.stringify((response.json as { meta?: unknown }).meta)}`;
  }
  const body = response.text.length > limit ? `${response.text.slice(0, limit)}…` : response.text;
  const type = response.contentType === "" ? "no content type" : response.contentType.split(";")[0];
  return `${response.status}, ${type}, body ${body === "" ? "empty" : body}`;
}

export function ids(page: ContactsPage): number[] {
  return page.contacts.map((contact) => contact.id).filter((id): id is number => typeof id === "number");
}

/** How a page is ordered by a numeric field: needs two distinct values to tell. */
export function orderBy(page: ContactsPage, field: string): "ascending" | "descending" | "unsorted" | "unknown" {
  const values = page.contacts.map((contact) => contact[field]).filter((value) => typeof value === "number");
  if (new Set(values).size < 2) {
    return "unknown";
  }
  const pairs = values.slice(1).map((value, index) => value - (values[index] ?? value));
  if (pairs.every((step) => step >= 0)) {
    return "ascending";
  }
  return pairs.every((step) => step <= 0) ? "descending" : "unsorted";
}
