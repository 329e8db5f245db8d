/** Types of every path, operation, schema and webhook, generated from the bundled description by openapi-typescript. */
export type { components, operations, paths, webhooks } from "./dist/types.js";

/** Absolute path of the bundled description, JSON. */
export declare const openapiJsonPath: string;
/** Absolute path of the bundled description, YAML. */
export declare const openapiYamlPath: string;

/** An entry of the discrepancy ledger in the description's "Documentation discrepancies", as written there (markdown). */
export interface LedgerEntry {
  /** Its stable id, e.g. `contacts-23`; a link to it is `#section/documentation-discrepancies/<id>`. */
  id: string;
  /** The ledger section it is in, e.g. `Contacts`. */
  section: string;
  /** What it is about, e.g. "Sort direction: `direction` or `sort=-field`". */
  topic: string;
  /** What LiveDesk's pages (and upstream Chatwoot) show. */
  pagesShow: string;
  /** What the description decides, and why. */
  decision: string;
  /** What evidence would settle the question. */
  settledBy: string;
}

/**
 * The entries of the discrepancy ledger, in order, from the description (`info.description` of the bundled document).
 * Throws an `Error` naming the entry when one does not follow the ledger's format.
 */
export declare function readLedger(description: string): LedgerEntry[];
