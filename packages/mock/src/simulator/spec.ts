import { readFileSync } from "node:fs";
import { openapiJsonPath, type operations } from "@livedesk/openapi";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import ajvFormats from "ajv-formats";

/** The operations of the spec, by `operationId` (the webhook's `conversationCreated` is not one LiveDesk answers). */
export type OperationId = Exclude<keyof operations, "conversationCreated">;

export interface ParameterRule {
  name: string;
  in: "query" | "path";
  required: boolean;
  /** How the raw string is turned into the value the schema describes. */
  shape: "integer" | "boolean" | "comma-list" | "string";
  validate: ValidateFunction;
}

export interface OperationRules {
  id: OperationId;
  method: string;
  /** The spec's path template, e.g. `/api/v2/accounts/contacts/{id}`. */
  path: string;
  /** Matches the paths of this template. */
  pattern: RegExp;
  parameters: ParameterRule[];
  body?: { required: boolean; validate: ValidateFunction };
  /** The body of each error status the operation declares, from the spec's example for it (401, 404, …). */
  errorBodies: Map<number, unknown>;
}

type Json = Record<string, unknown>;
const SPEC_ID = "livedesk-openapi.json";
const METHODS = ["get", "post", "put", "patch", "delete"];

let compiled: Map<OperationId, OperationRules> | undefined;

/**
 * The request rules of every operation, compiled once per process from the bundled spec of `@livedesk/openapi`, so
 * that the simulator accepts exactly what the spec accepts and follows it when the spec changes.
 */
export function operationRules(): Map<OperationId, OperationRules> {
  compiled ??= compile(JSON.parse(readFileSync(openapiJsonPath, "utf8")) as Json);
  return compiled;
}

function compile(spec: Json): Map<OperationId, OperationRules> {
  // allowUnionTypes: OpenAPI 3.1 uses type lists such as [integer, string] by design.
  const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true });
  ajvFormats.default(ajv);
  // The whole document is added so that `#/components/...` refs resolve; its top-level fields are not JSON Schema
  // keywords, and declaring them keeps strict mode on for every real schema.
  ajv.addVocabulary(Object.keys(spec));
  ajv.addSchema(spec, SPEC_ID);
  // Every schema is compiled through a reference into the document, so that the refs inside it resolve.
  const validatorAt = (location: string) => ajv.compile({ $ref: `${SPEC_ID}#${location}` });
  // An object of the document and its JSON pointer, following one `$ref` (paths refer to components).
  const at = (location: string): [Json, string] => {
    const value = pointer(spec, location) as Json;
    return typeof value.$ref === "string"
      ? [pointer(spec, value.$ref.slice(1)) as Json, value.$ref.slice(1)]
      : [value, location];
  };

  const operations = new Map<OperationId, OperationRules>();
  for (const [path, item] of Object.entries(spec.paths as Record<string, Json>)) {
    const itemAt = `/paths/${escapePointer(path)}`;
    for (const method of METHODS.filter((name) => name in item)) {
      const operation = item[method] as Json;
      const parameterLocations = [
        ...((item.parameters as unknown[] | undefined) ?? []).map((_, index) => `${itemAt}/parameters/${index}`),
        ...((operation.parameters as unknown[] | undefined) ?? []).map(
          (_, index) => `${itemAt}/${method}/parameters/${index}`,
        ),
      ];
      const parameters = parameterLocations.map((location) => {
        const [parameter, parameterAt] = at(location);
        return {
          name: parameter.name as string,
          in: parameter.in as "query" | "path",
          required: parameter.required === true,
          shape: shapeOf(parameter),
          validate: validatorAt(`${parameterAt}/schema`),
        };
      });
      const [body, bodyAt] = operation.requestBody === undefined ? [] : at(`${itemAt}/${method}/requestBody`);
      const errorBodies = new Map<number, unknown>();
      for (const status of Object.keys(operation.responses as Json).filter((key) => Number(key) >= 400)) {
        // The first example of the JSON answer, if the spec gives one (a 429 has no body).
        const [response, responseAt] = at(`${itemAt}/${method}/responses/${status}`);
        const json = (response.content as Record<string, Json> | undefined)?.["application/json"];
        const [name] = Object.keys((json?.examples as Json | undefined) ?? {});
        if (name !== undefined) {
          errorBodies.set(Number(status), at(`${responseAt}/content/application~1json/examples/${name}`)[0].value);
        }
      }
      const id = operation.operationId as OperationId;
      operations.set(id, {
        id,
        method: method.toUpperCase(),
        path,
        pattern: new RegExp(`^${path.replace(/\{\w+\}/g, "[^/]+")}$`),
        parameters,
        ...(body && {
          body: {
            required: body.required === true,
            validate: validatorAt(`${bodyAt}/content/application~1json/schema`),
          },
        }),
        errorBodies,
      });
    }
  }
  return operations;
}

function shapeOf(parameter: Json): ParameterRule["shape"] {
  const schema = parameter.schema as Json;
  if (schema.type === "integer") {
    return "integer";
  }
  if (schema.type === "boolean") {
    return "boolean";
  }
  if (schema.type === "array") {
    // The spec declares its one list parameter (`labels`) as style form, explode false: `labels=a,b`.
    if (parameter.explode !== false) {
      throw new Error(`The simulator reads only comma-separated lists; ${String(parameter.name)} is exploded.`);
    }
    return "comma-list";
  }
  return "string";
}

/** The raw query or path value as the type its schema describes, so that the schema can judge it. */
export function parameterValue(rule: ParameterRule, raw: string): unknown {
  switch (rule.shape) {
    case "integer":
      return /^-?\d+$/.test(raw) ? Number(raw) : raw;
    case "boolean":
      return raw === "true" ? true : raw === "false" ? false : raw;
    case "comma-list":
      return raw.split(",");
    default:
      return raw;
  }
}

/** One line per failed rule, e.g. `inbox_id: must have required property 'inbox_id'`. */
export function describeErrors(where: string, errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((error) => {
    const at = `${where}${error.instancePath.replaceAll("/", ".")}`;
    const found = error.keyword === "additionalProperties" ? ` (${String(error.params.additionalProperty)})` : "";
    return `${at} ${error.message ?? "is invalid"}${found}`;
  });
}

function pointer(document: Json, location: string): unknown {
  return location
    .slice(1)
    .split("/")
    .reduce<unknown>((node, segment) => (node as Json)[segment.replaceAll("~1", "/").replaceAll("~0", "~")], document);
}

function escapePointer(segment: string): string {
  return segment.replaceAll("~", "~0").replaceAll("/", "~1");
}
