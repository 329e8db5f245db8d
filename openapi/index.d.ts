/** Types of every path, operation, schema and webhook, generated from the bundled description by openapi-typescript. */
export type { components, operations, paths, webhooks } from "./dist/types.js";

/** Absolute path of the bundled description, JSON. */
export declare const openapiJsonPath: string;
/** Absolute path of the bundled description, YAML. */
export declare const openapiYamlPath: string;
