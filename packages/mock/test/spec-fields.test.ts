import { describe, expect, it } from "vitest";
import { defaultSpecPath } from "../src/index.js";
import { findOperation, loadSpec, responseSchema, undocumentedFields } from "../src/spec-fields.js";

const spec = {
  openapi: "3.1.0",
  paths: {},
  components: {
    schemas: {
      Item: {
        type: "object",
        properties: { id: { type: "integer" }, tags: { type: "array", items: { type: "string" } } },
      },
      Open: { type: "object", additionalProperties: true, properties: { name: { type: "string" } } },
      Page: {
        type: "object",
        properties: {
          items: { type: "array", items: { $ref: "#/components/schemas/Item" } },
          owner: { type: ["object", "null"], allOf: [{ $ref: "#/components/schemas/Open" }] },
          custom: { type: "object", additionalProperties: true },
          counts: { type: "object", additionalProperties: { $ref: "#/components/schemas/Item" } },
          either: { oneOf: [{ properties: { a: {} } }, { properties: { b: {} } }] },
        },
      },
    },
  },
};
const page = { $ref: "#/components/schemas/Page" };

describe("undocumentedFields", () => {
  it("names fields the schemas do not declare, through $refs, arrays and allOf, open schemas included", () => {
    const body = {
      items: [
        { id: 1, extra: true },
        { id: 2, extra: false, more: 1 },
      ],
      owner: { name: "n", surprise: 1 },
      top: 1,
    };
    expect(undocumentedFields(spec, page, body)).toEqual(["items[].extra", "items[].more", "owner.surprise", "top"]);
  });

  it("treats free-form objects and typed maps as data, and any branch of a oneOf as declared", () => {
    const body = {
      custom: { anything: 1 },
      counts: { x: { id: 1 }, y: { id: 2, odd: 1 } },
      either: { a: 1, b: 2, c: 3 },
      owner: null,
      items: [],
    };
    expect(undocumentedFields(spec, page, body)).toEqual(["counts.y.odd", "either.c"]);
  });

  it("says nothing when there is no schema, or a $ref it cannot follow", () => {
    expect(undocumentedFields(spec, undefined, { a: 1 })).toEqual([]);
    expect(undocumentedFields(spec, { $ref: "other.yaml#/Thing" }, { a: 1 })).toEqual([]);
  });
});

describe("the bundled spec", () => {
  const bundled = loadSpec(defaultSpecPath);

  it("finds the operation and response schema of a concrete path", () => {
    const found = findOperation(bundled, "GET", "/api/v2/accounts/tickets/tk_1");
    expect(found?.template).toBe("/api/v2/accounts/tickets/{ticket_id}");
    expect(found && responseSchema(bundled, found.operation, 404)).toEqual({ $ref: "#/components/schemas/ErrorBody" });
    expect(findOperation(bundled, "DELETE", "/api/v2/accounts/contacts")).toBeUndefined();
  });

  it("declares every field of its own documented examples", () => {
    const examples = bundled.components as { examples: Record<string, { value: unknown }> };
    const found = findOperation(bundled, "GET", "/api/v2/accounts/contacts");
    const schema = found && responseSchema(bundled, found.operation, 200);
    for (const name of ["ListContactsPage", "SearchContactsPage"]) {
      expect(undocumentedFields(bundled, schema, examples.examples[name]?.value)).toEqual([]);
    }
  });

  it("rejects a file that is not an OpenAPI document, saying which", () => {
    expect(() => loadSpec("/nonexistent/openapi.json")).toThrow(/Could not read the OpenAPI document \/nonexistent/);
    expect(() => loadSpec(new URL("../package.json", import.meta.url).pathname)).toThrow(/has no paths/);
  });
});
