export {
  createLiveDeskClient,
  DEFAULT_BASE_URL,
  type LiveDeskClient,
  type LiveDeskClientOptions,
} from "./client.js";
export type {
  Contact,
  ContactPage,
  ContactsResource,
  CreateContactRequest,
  CreateContactResponse,
  ListAllOptions,
  ListContactsQuery,
  UndocumentedResponse,
  UpdateContactRequest,
} from "./contacts.js";
export {
  CONVERSATION_STATUSES,
  type ConversationStatus,
  type ConversationsResource,
  type CreateConversationRequest,
  type CreateConversationResponse,
  type UpdateConversationStatusRequest,
  type UpdateConversationStatusResponse,
} from "./conversations.js";
export {
  LiveDeskArgumentError,
  LiveDeskAuthenticationError,
  LiveDeskConnectionError,
  LiveDeskError,
  type LiveDeskErrorCode,
  type LiveDeskErrorDetails,
  LiveDeskHttpError,
  LiveDeskIncompleteExportError,
  LiveDeskInvalidResponseError,
  LiveDeskNotFoundError,
  LiveDeskPaginationError,
  LiveDeskPermissionError,
  LiveDeskRateLimitError,
  type LiveDeskResponseDetails,
  LiveDeskResultError,
  LiveDeskServerError,
  LiveDeskTimeoutError,
  LiveDeskValidationError,
  LiveDeskWebhookError,
} from "./errors.js";
export type { Logger, LogLevel } from "./logger.js";
export type { Message, MessagesResource, SendMessageRequest } from "./messages.js";
export {
  CONTACT_SORT_FIELDS,
  type ContactSort,
  type ContactSortField,
  SORT_DIRECTIONS,
  type SortDirection,
} from "./query.js";
export type { FetchLike, RetryEvent } from "./reliability.js";
export type {
  CreateTicketRequest,
  Ticket,
  TicketsResource,
  TicketWriteResult,
  UpdateTicketRequest,
} from "./tickets.js";
export type { components, operations, paths, RequestOptions, WriteRequestOptions, webhooks } from "./types.js";
export {
  type ConversationCreatedDelivery,
  type ConversationCreatedEvent,
  type ConversationCreatedTimestamps,
  parseWebhookEvent,
  type UnknownWebhookDelivery,
  type WebhookDelivery,
} from "./webhooks.js";
