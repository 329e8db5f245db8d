export {
  createLiveDeskClient,
  DEFAULT_BASE_URL,
  type FetchLike,
  type LiveDeskClient,
  type LiveDeskClientOptions,
  type RequestOptions,
  type WriteRequestOptions,
} from "./client.js";
export type { Contact, ContactPage, ContactsResource, ListContactsQuery } from "./contacts.js";
export {
  LiveDeskArgumentError,
  LiveDeskAuthenticationError,
  LiveDeskConnectionError,
  LiveDeskError,
  type LiveDeskErrorCode,
  LiveDeskHttpError,
  LiveDeskInvalidResponseError,
  LiveDeskNotFoundError,
  LiveDeskPaginationError,
  LiveDeskPermissionError,
  LiveDeskRateLimitError,
  LiveDeskServerError,
  LiveDeskTimeoutError,
  LiveDeskValidationError,
} from "./errors.js";
export type { components, operations, paths, webhooks } from "./generated/openapi.js";
export { CONTACT_SORT_FIELDS, type ContactSortField, SORT_DIRECTIONS, type SortDirection } from "./query.js";
export type { RetryEvent } from "./reliability.js";
