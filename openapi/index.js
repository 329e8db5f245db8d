import { fileURLToPath } from "node:url";

/** Absolute path of the bundled description, JSON. */
export const openapiJsonPath = fileURLToPath(new URL("./dist/openapi.json", import.meta.url));
/** Absolute path of the bundled description, YAML. */
export const openapiYamlPath = fileURLToPath(new URL("./dist/openapi.yaml", import.meta.url));
export { LEDGER_PARTS, readLedger, readLedgerSections } from "./ledger.js";
