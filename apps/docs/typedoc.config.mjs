// TypeDoc: the reference of @livedesk/client, from the TSDoc of its source, into dist/client. Every warning fails the
// build, so an exported symbol or member without a doc comment, or a broken {@link}, cannot ship. There is no list
// of exceptions.
import { OptionDefaults } from "typedoc";

/** @type {Partial<import("typedoc").TypeDocOptions>} */
export default {
  name: "@livedesk/client",
  entryPoints: ["../../packages/client/src/index.ts"],
  tsconfig: "../../packages/client/tsconfig.json",
  readme: "none",
  out: "dist/client",
  favicon: "assets/favicon.svg",
  navigationLinks: { "API reference": "../index.html", Guides: "../guides/index.html" },
  // The generated spec types (paths, components, operations, webhooks) are the API reference itself, documented
  // there; the client's exports name what users need of them (Contact, ListContactsQuery, ...).
  externalPattern: ["**/src/generated/**", "**/openapi/dist/**", "**/node_modules/**"],
  excludeExternals: true,
  intentionallyNotExported: ["components", "operations", "paths"],
  excludePrivate: true,
  // @internal marks implementation details that must stay public in JavaScript: the error classes' `brand` and
  // `[Symbol.hasInstance]`, which make `instanceof` work across the ESM and CJS builds.
  excludeInternal: true,
  disableSources: true,
  // openapi-typescript writes these tags into the generated types.
  blockTags: [...OptionDefaults.blockTags, "@description"],
  modifierTags: [...OptionDefaults.modifierTags, "@constant"],
  treatWarningsAsErrors: true,
  validation: { notExported: true, invalidLink: true, rewrittenLink: true, notDocumented: true },
};
