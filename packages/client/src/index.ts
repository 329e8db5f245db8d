export { createLiveDeskClient, DEFAULT_BASE_URL, type LiveDeskClient, type LiveDeskClientOptions } from "./client.js";
export type { Contact, ContactPage, ContactsResource, ListContactsQuery, RequestOptions } from "./contacts.js";
export { LiveDeskArgumentError, LiveDeskError, type LiveDeskErrorCode, type LiveDeskErrorDetails } from "./errors.js";
export type { components, operations, paths } from "./generated/openapi.js";
export { CONTACT_SORT_FIELDS, type ContactSortField, SORT_DIRECTIONS, type SortDirection } from "./query.js";
