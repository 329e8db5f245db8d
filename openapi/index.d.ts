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

/** A part of every ledger entry: the label the ledger writes before it, and its key in {@link LedgerEntry}. */
export interface LedgerPart {
  label: string;
  key: "pagesShow" | "decision" | "settledBy";
}

/** The parts of every ledger entry, in the order the ledger writes them. */
export declare const LEDGER_PARTS: readonly LedgerPart[];

/** A section of the ledger (`## Contacts`): its introduction (markdown) and its entries. */
export interface LedgerSection {
  name: string;
  intro: string;
  entries: LedgerEntry[];
}

/** The whole ledger, for rendering it: its introduction, its sections, and where it is in the description. */
export interface Ledger {
  /** The text between the ledger's heading and its first section (markdown). */
  intro: string;
  sections: LedgerSection[];
  /** Where the ledger starts in the description: the offset of its `# Documentation discrepancies` heading. */
  start: number;
  /** Where it ends: the offset of the next `# ` heading, or the description's length. */
  end: number;
}

/**
 * The entries of the discrepancy ledger, in order, from the description (`info.description` of the bundled document).
 * Throws an `Error` naming the entry when one does not follow the ledger's format.
 */
export declare function readLedger(description: string): LedgerEntry[];

/**
 * The discrepancy ledger by section, with its introductions and its place in the description, as the docs site
 * renders it. Throws like {@link readLedger}.
 */
export declare function readLedgerSections(description: string): Ledger;
