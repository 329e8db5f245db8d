import { type LedgerEntry, readLedger } from "@livedesk/openapi";
import { isObject, resolve, type SpecNode } from "../spec-fields.js";

/** What the bundled spec says about the questions the probe asks, read from the spec itself. */
export interface SpecFacts {
  spec: SpecNode;
  /** The first server URL, LiveDesk's only data centre. */
  serverUrl: string | undefined;
  /** The path of List Contacts, found by its operationId. */
  contactsPath: string;
  /** The path template of Get Ticket, found by its operationId. */
  ticketPath: string;
  /** The documented page size ("15 items per page"), undefined when the spec does not state one. */
  pageSize: number | undefined;
  /** JSON types the spec allows for `meta.current_page`. */
  currentPageTypes: string[];
  /** Whether the spec sends several labels comma-separated in one parameter (`style: form`, `explode: false`). */
  labelsCommaSeparated: boolean;
  /** The documented default of `include_contact_inboxes`. */
  includeContactInboxesDefault: unknown;
  /** The `sort` values the spec accepts: the documented fields and, where it accepts them, the `-field` forms. */
  sortValues: string[];
  /** Statuses each operation declares, by operationId. */
  declaredStatuses: (operationId: string) => string[];
  /** Names of every response header the spec declares, lower case. */
  declaredHeaders: string[];
  /** The entries of the spec's discrepancy ledger, by id (`contacts-7`), in the ledger's order. */
  ledger: Map<string, LedgerEntry>;
}

export function readSpecFacts(spec: SpecNode): SpecFacts {
  const operations = operationsById(spec);
  const listContacts = required(operations.get("listContacts"), "operation listContacts");
  const getTicket = required(operations.get("getTicket"), "operation getTicket");
  const parameter = (name: string) =>
    [...(operationParameters(spec, listContacts.operation) ?? [])].find((each) => each.name === name);
  const labels = parameter("labels");
  const listSchema = resolve(spec, listResponseSchema(spec, listContacts.operation));
  const meta = resolve(spec, isObject(listSchema?.properties) ? listSchema.properties.meta : undefined);
  const currentPage = resolve(spec, isObject(meta?.properties) ? meta.properties.current_page : undefined);
  const [server] = Array.isArray(spec.servers) ? spec.servers : [];
  return {
    spec,
    serverUrl: isObject(server) && typeof server.url === "string" ? server.url : undefined,
    contactsPath: listContacts.path,
    ticketPath: getTicket.path,
    pageSize: documentedPageSize(spec, listContacts.operation, listSchema),
    currentPageTypes: [currentPage?.type ?? []].flat().map(String),
    labelsCommaSeparated: labels?.style === "form" && labels.explode === false,
    includeContactInboxesDefault: resolve(spec, parameter("include_contact_inboxes")?.schema)?.default,
    sortValues: enumValues(spec, parameter("sort")?.schema),
    declaredStatuses: (operationId) => {
      const responses = operations.get(operationId)?.operation.responses;
      return isObject(responses) ? Object.keys(responses) : [];
    },
    declaredHeaders: declaredHeaders(spec),
    ledger: new Map(
      readLedger(isObject(spec.info) ? String(spec.info.description ?? "") : "").map((entry) => [entry.id, entry]),
    ),
  };
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) {
    throw new Error(`The spec has no ${what}, which the probe needs.`);
  }
  return value;
}

function operationsById(spec: SpecNode): Map<string, { path: string; operation: SpecNode }> {
  const found = new Map<string, { path: string; operation: SpecNode }>();
  for (const [path, item] of Object.entries(isObject(spec.paths) ? spec.paths : {})) {
    for (const candidate of Object.values(resolve(spec, item) ?? {})) {
      const operation = resolve(spec, candidate);
      if (typeof operation?.operationId === "string") {
        found.set(operation.operationId, { path, operation });
      }
    }
  }
  return found;
}

function operationParameters(spec: SpecNode, operation: SpecNode): SpecNode[] | undefined {
  const list = Array.isArray(operation.parameters) ? operation.parameters : [];
  return list.map((each) => resolve(spec, each)).filter((each) => each !== undefined);
}

function listResponseSchema(spec: SpecNode, operation: SpecNode): unknown {
  const ok = resolve(spec, isObject(operation.responses) ? operation.responses["200"] : undefined);
  const content = isObject(ok?.content) ? ok.content["application/json"] : undefined;
  return isObject(content) ? content.schema : undefined;
}

// The page size is prose in the spec ("15 per page"); a `maxItems` on the page's payload wins if the spec adds one.
function documentedPageSize(spec: SpecNode, operation: SpecNode, listSchema: SpecNode | undefined): number | undefined {
  const payload = resolve(spec, isObject(listSchema?.properties) ? listSchema.properties.payload : undefined);
  if (typeof payload?.maxItems === "number") {
    return payload.maxItems;
  }
  const stated = /\b(\d+) (?:items |contacts )?per page\b/.exec(String(operation.description ?? ""));
  return stated ? Number(stated[1]) : undefined;
}

function declaredHeaders(spec: SpecNode): string[] {
  const names = new Set<string>();
  const visit = (node: unknown, depth: number) => {
    if (depth > 12 || (!isObject(node) && !Array.isArray(node))) {
      return;
    }
    for (const [key, child] of Object.entries(node)) {
      if (key === "headers" && isObject(child)) {
        for (const name of Object.keys(child)) {
          names.add(name.toLowerCase());
        }
      }
      visit(child, depth + 1);
    }
  };
  visit(spec.paths, 0);
  visit(isObject(spec.components) ? spec.components.responses : undefined, 0);
  return [...names];
}

/** Every value an `enum` allows, also through `anyOf`, `oneOf` and `allOf` (the sort values are an `anyOf`). */
function enumValues(spec: SpecNode, node: unknown, depth = 0): string[] {
  const schema = resolve(spec, node);
  if (!schema || depth > 8) {
    return [];
  }
  const nested = [schema.anyOf, schema.oneOf, schema.allOf].flatMap((list) => (Array.isArray(list) ? list : []));
  return [
    ...(Array.isArray(schema.enum) ? schema.enum.map(String) : []),
    ...nested.flatMap((each) => enumValues(spec, each, depth + 1)),
  ];
}
