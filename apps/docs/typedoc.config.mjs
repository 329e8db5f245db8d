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
  // The spec types that the client re-exports from @livedesk/openapi (paths, components, operations, webhooks) are
  // generated from the spec and documented by the API reference itself: external here, and left out.
  externalPattern: ["**/openapi/dist/**", "**/node_modules/**"],
  excludeExternals: true,
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
