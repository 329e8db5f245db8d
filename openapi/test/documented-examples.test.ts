// Every example in the bundled spec is checked against the schema it illustrates, holds no placeholder, and the
// decisions of the discrepancy ledger (description.md) are pinned, so that neither can drift silently.
import { Ajv2020 } from "ajv/dist/2020.js";
import ajvFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { type Json, pointer, SPEC_ID, spec, walk } from "./spec.js";

// allowUnionTypes: OpenAPI 3.1 schemas use type lists such as [string, "null"] by design.
const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true });
// The whole document is added so that `#/components/...` refs resolve. Its top-level fields (openapi, paths, ...) are
// not JSON Schema keywords: declaring them keeps strict mode on for every real schema.
ajv.addVocabulary(Object.keys(spec));
// ajv-formats is CommonJS: imported from ESM, its default export is the `default` of the module object.
ajvFormats.default(ajv);
ajv.addSchema(spec, SPEC_ID);

/** A reference to the schema at `at`, resolved inside the bundled document. */
function schemaAt(at: string): { $ref: string } {
  return { $ref: `${SPEC_ID}#${encodeURI(at)}` };
}

/** Every named example of every media type (request bodies, responses, webhooks), with the schema it illustrates. */
const namedExamples = walk(spec)
  .filter(({ path }) => path.at(-2) === "examples" && path.at(-4) === "content")
  .map(({ path, node }) => ({
    name: String(path.at(-1)),
    media: pointer(...path.slice(0, -2)),
    component: (node as { $ref?: string }).$ref?.split("/").at(-1),
    value: (resolveRef(node as Json, "examples") as { value: Json }).value,
  }));

/** A node, or the component its local `$ref` points to. */
function resolveRef(node: Json, kind: "examples" | "responses"): Json {
  const ref = (node as { $ref?: string }).$ref;
  return ref === undefined
    ? node
    : ((spec.components[kind] as Record<string, Json>)[ref.split("/").at(-1) ?? ""] ?? null);
}

describe("documented examples", () => {
  it("are components, each reached from a request body, response or webhook", () => {
    expect(namedExamples.filter(({ component }) => component === undefined)).toEqual([]);
    expect(new Set(namedExamples.map(({ component }) => component))).toEqual(
      new Set(Object.keys(spec.components.examples)),
    );
  });

  it.each(namedExamples)("$name at $media validates against its schema", ({ media, value }) => {
    const validate = ajv.compile(schemaAt(`${media}/schema`));
    validate(value);
    expect(validate.errors ?? [], ajv.errorsText(validate.errors)).toEqual([]);
  });

  // Examples are served by the mock and shown in the docs: a value nobody saw on a LiveDesk page must be left out,
  // never stood in for (ledger general-8).
  const PLACEHOLDER =
    /not recorded|not-recorded|placeholder|lorem ipsum|\bTODO\b|\bTBD\b|^string$|^0{8}-(0{4}-){3}0{12}$/i;

  it("hold no placeholder values", () => {
    const values = walk(spec).filter(
      ({ path, node }) =>
        typeof node === "string" &&
        (path.includes("examples") || path.includes("example")) &&
        // A named example's summary and description are prose about it, not values.
        !(path.at(-3) === "examples" && ["summary", "description"].includes(String(path.at(-1)))),
    );
    expect(values.length).toBeGreaterThan(50);
    const placeholders = values.filter(({ node }) => PLACEHOLDER.test(node as string));
    expect(placeholders.map(({ path, node }) => `${pointer(...path)}: ${node}`)).toEqual([]);
  });

  it("give every error answer with a body a readable example, so that the mock never answers `string`", () => {
    const errors = walk(spec).filter(
      ({ path }) => path.at(-2) === "responses" && /^[45]\d\d$/.test(String(path.at(-1))),
    );
    expect(errors.length).toBeGreaterThan(20);
    for (const { path, node } of errors) {
      const { content = {} } = resolveRef(node as Json, "responses") as { content?: Record<string, Json> };
      for (const [type, media] of Object.entries(content)) {
        const { examples = {} } = media as { examples?: Record<string, Json> };
        expect(Object.keys(examples), `${pointer(...path)} ${type}`).not.toEqual([]);
      }
    }
  });
});

describe("decisions recorded in the discrepancy ledger", () => {
  const CONTACTS = "/api/v2/accounts/contacts";
  const CONVERSATIONS = "/api/v2/accounts/conversations";
  const STATUS = "/api/v2/accounts/conversations/{conversation_id}/toggle_status";
  const MESSAGES = "/api/v2/accounts/conversations/{conversation_id}/messages";
  const TICKETS = "/api/v2/accounts/tickets";
  const TICKET = "/api/v2/accounts/tickets/{ticket_id}";
  const body = (path: string, method: string) =>
    `${pointer("paths", path, method, "requestBody", "content", "application/json")}/schema`;
  const sort = "/components/parameters/ContactSort/schema";

  const rejected: [string, string, Json][] = [
    ["Create Conversation without contact_id or source_id", body(CONVERSATIONS, "post"), { inbox_id: 407 }],
    ["an inbox_id that is neither an integer nor digits", body(CONTACTS, "post"), { inbox_id: "inbox_100" }],
    ["a status without a documented wire value", body(STATUS, "post"), { status: "closed" }],
    ["Update Ticket without description", body(TICKET, "put"), { title: "Printer paper jam" }],
    ["a ticket priority outside the documented values", body(TICKETS, "post"), { title: "t", priority: "p1" }],
    ["sort by upstream's rarer company_name (contacts-9)", sort, "company_name"],
    ["a `-` prefix on an undocumented sort field (contacts-23)", sort, "-bogus"],
    ["a doubled `-` prefix", sort, "--name"],
  ];

  it.each(rejected)("rejects %s", (_, at, value) => {
    expect(ajv.validate(schemaAt(at), value)).toBe(false);
  });

  const accepted: [string, string, Json][] = [
    ["digit-string IDs", body(CONVERSATIONS, "post"), { inbox_id: "407", source_id: "123456789" }],
    ["snoozed_until with any status", body(STATUS, "post"), { status: "open", snoozed_until: 1715000000 }],
    // No page says undocumented fields are rejected, and upstream takes these (general-8).
    ["a contact with custom_attributes", body(CONTACTS, "post"), { inbox_id: 407, custom_attributes: { a: 1 } }],
    ["a contact with blocked", body(CONTACTS, "post"), { inbox_id: 407, blocked: true }],
    ["a conversation with a field no page lists", body(CONVERSATIONS, "post"), { inbox_id: 407, contact_id: 1, x: 1 }],
    ["a message with message_type", body(MESSAGES, "post"), { content: "hi", message_type: 1 }],
    ["a status with a field no page lists", body(STATUS, "post"), { status: "open", x: 1 }],
    ["the documented sort", sort, "last_activity_at"],
    ["upstream's descending sort (contacts-23)", sort, "-last_activity_at"],
  ];

  it.each(accepted)("accepts %s", (_, at, value) => {
    expect(ajv.validate(schemaAt(at), value)).toBe(true);
  });

  it("offers the `-` form for exactly the documented sort fields (contacts-23)", () => {
    const { ContactSortField, ContactSortFieldDescending } = spec.components.schemas as Record<
      string,
      { enum: string[] }
    >;
    expect(ContactSortFieldDescending?.enum).toEqual(ContactSortField?.enum.map((field) => `-${field}`));
  });
});
