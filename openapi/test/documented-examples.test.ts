// Every example payload LiveDesk documents (test/fixtures, transcribed from the pages) must validate against the
// schema it belongs to in the bundled spec, and every named example in the spec must equal its fixture, so neither
// the schemas nor the spec's examples can drift from the documentation.
import { readdirSync, readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import ajvFormats from "ajv-formats";
import { describe, expect, it } from "vitest";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const SPEC_ID = "livedesk-openapi.json";
const FIXTURES = new URL("fixtures/", import.meta.url);
const spec = readJson(new URL("../dist/openapi.json", import.meta.url));

// allowUnionTypes: OpenAPI 3.1 schemas use type lists such as [string, "null"] by design.
const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true });
// ajv-formats is CommonJS: imported from ESM, its default export is the `default` of the module object.
ajvFormats.default(ajv);
// The whole document is added so that `#/components/...` refs resolve. Its top-level fields (openapi, paths, ...) are
// not JSON Schema keywords: declaring them keeps strict mode on for every real schema.
ajv.addVocabulary(Object.keys(spec as object));
ajv.addSchema(spec as object, SPEC_ID);

/** JSON pointer of an operation's `application/json` request body or response. */
function requestBody(path: string, method: string): string {
  return pointer("paths", path, method, "requestBody", "content", "application/json");
}
function response(path: string, method: string, status: string): string {
  return pointer("paths", path, method, "responses", status, "content", "application/json");
}
function webhook(name: string): string {
  return pointer("webhooks", name, "post", "requestBody", "content", "application/json");
}

const CONTACTS = "/api/v2/accounts/contacts";
const CONTACT = "/api/v2/accounts/contacts/{id}";
const CONVERSATIONS = "/api/v2/accounts/conversations";
const STATUS = "/api/v2/accounts/conversations/{conversation_id}/toggle_status";
const MESSAGES = "/api/v2/accounts/conversations/{conversation_id}/messages";
const TICKETS = "/api/v2/accounts/tickets";
const TICKET = "/api/v2/accounts/tickets/{ticket_id}";

/** Each documented payload: its fixture, where it sits in the spec, and the spec's named example for it. */
const documented = [
  { fixture: "list-contacts.response.json", at: response(CONTACTS, "get", "200"), example: "list_contacts" },
  { fixture: "search-contacts.response.json", at: response(CONTACTS, "get", "200"), example: "search_contacts" },
  { fixture: "create-contact.request.json", at: requestBody(CONTACTS, "post"), example: "create_contact" },
  { fixture: "create-contact.response.json", at: response(CONTACTS, "post", "200"), example: "create_contact" },
  { fixture: "update-contact.request.json", at: requestBody(CONTACT, "patch"), example: "update_contact" },
  {
    fixture: "create-conversation.request.json",
    at: requestBody(CONVERSATIONS, "post"),
    example: "create_conversation",
  },
  {
    fixture: "create-conversation.response.json",
    at: response(CONVERSATIONS, "post", "200"),
    example: "create_conversation",
  },
  {
    fixture: "update-conversation-status.request.json",
    at: requestBody(STATUS, "post"),
    example: "update_conversation_status",
  },
  { fixture: "send-message.request.json", at: requestBody(MESSAGES, "post"), example: "send_message" },
  { fixture: "send-message.response.json", at: response(MESSAGES, "post", "200"), example: "send_message" },
  { fixture: "create-ticket.request.json", at: requestBody(TICKETS, "post"), example: "create_ticket" },
  { fixture: "get-ticket.response.json", at: response(TICKET, "get", "200"), example: "get_ticket" },
  { fixture: "update-ticket.request.json", at: requestBody(TICKET, "put"), example: "update_ticket" },
  {
    fixture: "conversation-created.webhook.json",
    at: webhook("conversation_created"),
    example: "conversation_created",
  },
];

describe("documented examples", () => {
  it.each(documented)("$fixture validates against the spec's schema", ({ fixture, at }) => {
    const validate = ajv.compile(schemaOf(at));
    validate(readJson(new URL(fixture, FIXTURES)));
    expect(validate.errors ?? [], ajv.errorsText(validate.errors)).toEqual([]);
  });

  it.each(documented)("the spec's example $example equals $fixture", ({ fixture, at, example }) => {
    const named = resolve(`${at}/examples/${escapeSegment(example)}`) as { value?: Json };
    expect(named.value).toEqual(readJson(new URL(fixture, FIXTURES)));
  });

  it("covers every named example in the spec and every fixture", () => {
    const covered = documented.map(({ at, example }) => `${at}/examples/${escapeSegment(example)}`);
    expect(namedExamples().sort()).toEqual([...covered].sort());
    const fixtures = readdirSync(FIXTURES).filter((name) => name.endsWith(".json"));
    expect(fixtures.sort()).toEqual(documented.map(({ fixture }) => fixture).sort());
  });
});

describe("decisions recorded in the discrepancy ledger", () => {
  const rejected: [string, string, Json][] = [
    ["Create Conversation without contact_id or source_id", requestBody(CONVERSATIONS, "post"), { inbox_id: 407 }],
    ["an inbox_id that is neither an integer nor digits", requestBody(CONTACTS, "post"), { inbox_id: "inbox_100" }],
    ["a field Create Contact's complete table lacks", requestBody(CONTACTS, "post"), { inbox_id: 407, x: 1 }],
    ["a status without a documented wire value", requestBody(STATUS, "post"), { status: "closed" }],
    ["Update Ticket without description", requestBody(TICKET, "put"), { title: "Printer paper jam" }],
    ["a ticket priority outside the documented values", requestBody(TICKETS, "post"), { title: "t", priority: "p1" }],
  ];

  it.each(rejected)("rejects %s", (_, at, body) => {
    expect(ajv.validate(schemaOf(at), body)).toBe(false);
  });

  const accepted: [string, string, Json][] = [
    ["digit-string IDs", requestBody(CONVERSATIONS, "post"), { inbox_id: "407", source_id: "123456789" }],
    ["snoozed_until with any status", requestBody(STATUS, "post"), { status: "open", snoozed_until: 1715000000 }],
  ];

  it.each(accepted)("accepts %s", (_, at, body) => {
    expect(ajv.validate(schemaOf(at), body)).toBe(true);
  });
});

/** A reference to the schema of the media type at `at`, resolved inside the bundled document. */
function schemaOf(at: string): { $ref: string } {
  return { $ref: `${SPEC_ID}#${encodeURI(`${at}/schema`)}` };
}

function readJson(url: URL): Json {
  return JSON.parse(readFileSync(url, "utf8")) as Json;
}

/** RFC 6901 escaping of one pointer segment. */
function escapeSegment(segment: string): string {
  return segment.replaceAll("~", "~0").replaceAll("/", "~1");
}

function pointer(...segments: string[]): string {
  return segments.map((segment) => `/${escapeSegment(segment)}`).join("");
}

/** The value at a JSON pointer of the bundled spec, following local `$ref`s on the way. */
function resolve(at: string): Json {
  let node: Json = spec;
  for (const segment of at.split("/").slice(1)) {
    node = follow(node);
    const key = segment.replaceAll("~1", "/").replaceAll("~0", "~");
    if (node === null || typeof node !== "object" || !(key in node)) {
      throw new Error(`${at}: nothing at ${key}`);
    }
    node = (node as Record<string, Json>)[key] as Json;
  }
  return follow(node);
}

function follow(node: Json): Json {
  const ref = node !== null && typeof node === "object" && !Array.isArray(node) ? node.$ref : undefined;
  return typeof ref === "string" && ref.startsWith("#/") ? resolve(ref.slice(1)) : node;
}

/** Pointers of every named example of every request body, response and webhook in the spec. */
function namedExamples(): string[] {
  const found: string[] = [];
  const operations = (root: "paths" | "webhooks") =>
    Object.entries(resolve(`/${root}`) as Record<string, Record<string, Json>>).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((method) => ["get", "put", "post", "patch", "delete"].includes(method))
        .map((method) => pointer(root, path, method)),
    );
  for (const operation of [...operations("paths"), ...operations("webhooks")]) {
    const { requestBody: body, responses = {} } = resolve(operation) as {
      requestBody?: Json;
      responses?: Record<string, Json>;
    };
    const media = [
      ...(body === undefined ? [] : [`${operation}/requestBody`]),
      ...Object.keys(responses).map((status) => `${operation}/responses/${status}`),
    ];
    for (const at of media) {
      const content = (resolve(at) as { content?: Record<string, { examples?: Record<string, Json> }> }).content;
      for (const [type, { examples = {} }] of Object.entries(content ?? {})) {
        found.push(
          ...Object.keys(examples).map(
            (name) => `${at}/content/${escapeSegment(type)}/examples/${escapeSegment(name)}`,
          ),
        );
      }
    }
  }
  return found;
}
