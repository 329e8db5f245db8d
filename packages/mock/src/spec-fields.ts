import { readFileSync } from "node:fs";
import { parse } from "yaml";

/** An OpenAPI document or any part of it, as parsed JSON. */
export type SpecNode = Record<string, unknown>;

/** Reads an OpenAPI document, JSON or YAML. `$ref`s into other files are left as they are (and then not followed). */
export function loadSpec(path: string): SpecNode {
  let document: unknown;
  try {
    const text = readFileSync(path, "utf8");
    // JSON.parse is many times faster than a YAML parser on the bundled JSON document.
    document = text.trimStart().startsWith("{") ? JSON.parse(text) : parse(text);
  } catch (error) {
    throw new Error(`Could not read the OpenAPI document ${path}: ${(error as Error).message}`);
  }
  if (!isObject(document) || !isObject(document.paths)) {
    throw new TypeError(`${path} is not an OpenAPI document: it has no paths.`);
  }
  return document;
}

export function isObject(value: unknown): value is SpecNode {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Follows local `$ref`s (`#/components/...`); undefined where a reference points outside the document. */
export function resolve(spec: SpecNode, node: unknown): SpecNode | undefined {
  let current = node;
  for (let hops = 0; isObject(current) && typeof current.$ref === "string"; hops += 1) {
    if (hops > 32 || !current.$ref.startsWith("#/")) {
      return undefined;
    }
    current = current.$ref
      .slice(2)
      .split("/")
      .map((segment) => decodeURIComponent(segment).replaceAll("~1", "/").replaceAll("~0", "~"))
      .reduce<unknown>((parent, key) => (isObject(parent) ? parent[key] : undefined), spec);
  }
  return isObject(current) ? current : undefined;
}

/** The operation for a method and a concrete path (`/api/v2/accounts/contacts/42`), with its path template. */
export function findOperation(
  spec: SpecNode,
  method: string,
  path: string,
): { template: string; operation: SpecNode } | undefined {
  const paths = isObject(spec.paths) ? spec.paths : {};
  for (const [template, item] of Object.entries(paths)) {
    const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}$`);
    const operation = resolve(spec, resolve(spec, item)?.[method.toLowerCase()]);
    if (pattern.test(path) && operation) {
      return { template, operation };
    }
  }
  return undefined;
}

/** The JSON schema the spec gives for an answer with this status (or the `default` one), if any. */
export function responseSchema(spec: SpecNode, operation: SpecNode, status: number): unknown {
  const responses = isObject(operation.responses) ? operation.responses : {};
  const response = resolve(spec, responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default);
  const content = isObject(response?.content) ? response.content : {};
  const json = Object.entries(content).find(([type]) => /\bjson\b/i.test(type))?.[1];
  return isObject(json) ? json.schema : undefined;
}

/**
 * Where `value` carries fields that `schema` does not declare, as paths relative to the value (`payload[].surprise`).
 * An object counts as documented when its schema declares properties: keys outside them are reported whether or not
 * the schema allows additional properties, because an open schema still documents only what it lists. Free-form
 * objects (no declared properties, or `additionalProperties` given as a schema) are maps, and their keys are data.
 */
export function undocumentedFields(spec: SpecNode, schema: unknown, value: unknown): string[] {
  const found = new Set<string>();
  walk(spec, schema, value, "", found, 0);
  return [...found];
}

function walk(spec: SpecNode, schema: unknown, value: unknown, location: string, found: Set<string>, depth: number) {
  const variants = flatten(spec, schema, 0);
  if (variants.length === 0 || depth > 64) {
    return;
  }
  if (Array.isArray(value)) {
    const itemSchemas = variants.map((variant) => variant.items).filter((items) => items !== undefined);
    for (const item of value) {
      for (const itemSchema of itemSchemas) {
        walk(spec, itemSchema, item, `${location}[]`, found, depth + 1);
      }
    }
    return;
  }
  if (!isObject(value)) {
    return;
  }
  const declaresProperties = variants.some((variant) => isObject(variant.properties));
  for (const [key, child] of Object.entries(value)) {
    const childLocation = location === "" ? key : `${location}.${key}`;
    const childSchemas = variants.flatMap((variant) => {
      const properties = isObject(variant.properties) ? variant.properties : {};
      if (key in properties) {
        return [properties[key]];
      }
      const patterns = isObject(variant.patternProperties) ? Object.entries(variant.patternProperties) : [];
      const matched = patterns.filter(([pattern]) => new RegExp(pattern, "u").test(key)).map(([, each]) => each);
      return matched.length > 0
        ? matched
        : isObject(variant.additionalProperties)
          ? [variant.additionalProperties]
          : [];
    });
    if (childSchemas.length === 0 && declaresProperties) {
      found.add(childLocation);
    }
    for (const childSchema of childSchemas) {
      walk(spec, childSchema, child, childLocation, found, depth + 1);
    }
  }
}

/** A schema with its `$ref`s followed and its `allOf`/`anyOf`/`oneOf` branches spread out. */
function flatten(spec: SpecNode, schema: unknown, depth: number): SpecNode[] {
  const resolved = resolve(spec, schema);
  if (!resolved || depth > 16) {
    return [];
  }
  const branches = ["allOf", "anyOf", "oneOf"].flatMap((keyword) => {
    const list = resolved[keyword];
    return Array.isArray(list) ? list.flatMap((branch) => flatten(spec, branch, depth + 1)) : [];
  });
  return [resolved, ...branches];
}
