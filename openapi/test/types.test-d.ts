// The generated types (dist/types.d.ts, from `npm run bundle`) of request bodies hold exactly the documented fields,
// although no schema forbids others (ledger general-8): omitting `additionalProperties` gives both.
import { describe, expectTypeOf, it } from "vitest";
import type { components, paths } from "../index.js";

type Schemas = components["schemas"];
/** True when T accepts any string key, as an `additionalProperties: true` object does. */
type HasIndexSignature<T> = string extends keyof T ? true : false;

describe("generated types", () => {
  it("type request bodies with exactly their documented fields", () => {
    expectTypeOf<HasIndexSignature<Schemas["CreateContactRequest"]>>().toEqualTypeOf<false>();
    expectTypeOf<HasIndexSignature<Schemas["UpdateContactRequest"]>>().toEqualTypeOf<false>();
    expectTypeOf<HasIndexSignature<Schemas["CreateConversationRequest"]>>().toEqualTypeOf<false>();
    expectTypeOf<HasIndexSignature<Schemas["UpdateConversationStatusRequest"]>>().toEqualTypeOf<false>();
    expectTypeOf<HasIndexSignature<Schemas["SendMessageRequest"]>>().toEqualTypeOf<false>();
    expectTypeOf<HasIndexSignature<Schemas["CreateTicketRequest"]>>().toEqualTypeOf<false>();
    expectTypeOf<HasIndexSignature<Schemas["UpdateTicketRequest"]>>().toEqualTypeOf<false>();
    expectTypeOf<keyof Schemas["CreateContactRequest"]>().toEqualTypeOf<
      "inbox_id" | "name" | "email" | "phone_number" | "avatar_url" | "identifier"
    >();
  });

  it("type a fully documented answer exactly, and admit other keys where the documentation is cut off", () => {
    expectTypeOf<HasIndexSignature<Schemas["Contact"]>>().toEqualTypeOf<false>();
    expectTypeOf<HasIndexSignature<Schemas["Message"]>>().toEqualTypeOf<true>();
    expectTypeOf<HasIndexSignature<Schemas["Ticket"]>>().toEqualTypeOf<true>();
    expectTypeOf<HasIndexSignature<NonNullable<Schemas["Contact"]["custom_attributes"]>>>().toEqualTypeOf<true>();
  });

  it("accept both sort forms: the documented fields and upstream's `-field` (contacts-23)", () => {
    type Sort = NonNullable<NonNullable<paths["/api/v2/accounts/contacts"]["get"]["parameters"]["query"]>["sort"]>;
    type Field = "email" | "name" | "phone_number" | "last_activity_at" | "created_at" | "company" | "city" | "country";
    expectTypeOf<Sort>().toEqualTypeOf<Field | `-${Field}`>();
  });
});
