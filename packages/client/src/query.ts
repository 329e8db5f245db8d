import { createQuerySerializer } from "openapi-fetch";
import { LiveDeskArgumentError } from "./errors.js";
import type { components } from "./types.js";
import { describe } from "./values.js";

/** A field LiveDesk documents for sorting contacts; the fields are listed in {@link CONTACT_SORT_FIELDS}. */
export type ContactSortField = components["schemas"]["ContactSortField"];
/** A `sort` value: a documented field, or the same with upstream's `-` prefix for descending order (ledger contacts-23). */
export type ContactSort = components["parameters"]["ContactSort"];
/** A sort `direction`: `asc` or `desc`. LiveDesk documents no default. */
export type SortDirection = components["parameters"]["SortDirection"];

/** The `sort` values LiveDesk documents for contacts. */
export const CONTACT_SORT_FIELDS = [
  "email",
  "name",
  "phone_number",
  "last_activity_at",
  "created_at",
  "company",
  "city",
  "country",
] as const satisfies readonly ContactSortField[];

/** Every `sort` value the spec accepts: the documented fields, then each with the `-` prefix. */
const CONTACT_SORT_VALUES: readonly ContactSort[] = [
  ...CONTACT_SORT_FIELDS,
  ...CONTACT_SORT_FIELDS.map((field) => `-${field}` as const),
];

/** The `direction` values, for validating input or building a picker. */
export const SORT_DIRECTIONS = ["asc", "desc"] as const satisfies readonly SortDirection[];

// Fails to compile when the spec's enums and the lists above drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const enumsMatchSpec: [
  Same<(typeof CONTACT_SORT_FIELDS)[number], ContactSortField>,
  Same<(typeof CONTACT_SORT_FIELDS)[number] | `-${(typeof CONTACT_SORT_FIELDS)[number]}`, ContactSort>,
  Same<(typeof SORT_DIRECTIONS)[number], SortDirection>,
] = [true, true, true];
void enumsMatchSpec;

// Arrays as `name=a,b` (style: form, explode: false), as the spec declares for `labels`: the Rails backend keeps
// only the last of repeated names, so `labels=a&labels=b` would silently filter on one label.
const serializeToWire = createQuerySerializer({ array: { style: "form", explode: false } });

/**
 * Checks query parameters that would otherwise reach the server in a form it misreads (see the spec's
 * "Documentation discrepancies"), then serialises them. Rules are keyed by parameter name; every operation that
 * declares one of these names uses it with the same meaning.
 */
export function serializeQuery(query: Record<string, unknown>): string {
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) {
      checkParameter(name, value);
    }
  }
  return serializeToWire(query);
}

function checkParameter(name: string, value: unknown): void {
  switch (name) {
    case "page":
      if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
        throw new LiveDeskArgumentError(
          "page",
          `expected an integer of 1 or more (pages start at 1), got ${describe(value)}.`,
        );
      }
      return;
    case "labels":
      checkLabels(value);
      return;
    case "include_contact_inboxes":
      // Upstream reads anything but the exact string "true" as false, so only real booleans are sent.
      if (typeof value !== "boolean") {
        throw new LiveDeskArgumentError(name, `expected true or false, got ${describe(value)}.`);
      }
      return;
    case "q":
      // The same rule as search()'s: a blank q would search for nothing (ledger entry general-12).
      if (typeof value !== "string" || value.trim() === "") {
        throw new LiveDeskArgumentError(
          "q",
          `expected a non-blank search string, got ${describe(value)}. Omit q to list all contacts.`,
        );
      }
      return;
    case "sort":
      checkOneOf(name, value, CONTACT_SORT_VALUES);
      return;
    case "direction":
      checkOneOf(name, value, SORT_DIRECTIONS);
      return;
  }
}

function checkLabels(value: unknown): void {
  if (!Array.isArray(value) || value.length === 0) {
    throw new LiveDeskArgumentError(
      "labels",
      `expected an array of one or more label names, e.g. ["vip"], got ${describe(value)}. Omit labels to filter on none.`,
    );
  }
  for (const label of value) {
    if (typeof label !== "string" || label === "") {
      throw new LiveDeskArgumentError("labels", `every label must be a non-empty string, got ${describe(label)}.`);
    }
    if (label.includes(",")) {
      throw new LiveDeskArgumentError(
        "labels",
        `${describe(label)} contains a comma. LiveDesk splits labels on commas, so a label with a comma cannot be filtered on; pass the parts as separate labels if that is what you mean.`,
      );
    }
  }
}

function checkOneOf(name: string, value: unknown, allowed: readonly string[]): void {
  if (typeof value !== "string" || !allowed.includes(value)) {
    throw new LiveDeskArgumentError(name, `expected one of ${allowed.join(", ")}, got ${describe(value)}.`);
  }
}
