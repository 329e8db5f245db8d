// TypeDoc: the reference of @livedesk/client, from the TSDoc of its source, into dist/client. Every warning fails the
// build, so an exported symbol without a doc comment or a broken {@link} cannot ship.
import { readFileSync } from "node:fs";
import { OptionDefaults } from "typedoc";

// Exported client symbols that still lack a doc comment, found when this check was introduced. The list only shrinks:
// a symbol documented later makes TypeDoc report its entry as unused, which fails the build until it is removed.
const notYetDocumented = JSON.parse(readFileSync(new URL("./typedoc.not-documented.json", import.meta.url), "utf8"));

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
  excludeInternal: true,
  disableSources: true,
  // openapi-typescript writes these tags into the generated types.
  blockTags: [...OptionDefaults.blockTags, "@description"],
  modifierTags: [...OptionDefaults.modifierTags, "@constant"],
  treatWarningsAsErrors: true,
  intentionallyNotDocumented: notYetDocumented,
  validation: { notExported: true, invalidLink: true, rewrittenLink: true, notDocumented: true },
};
