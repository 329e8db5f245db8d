// The bundled description, as every test of this package reads it.
import { readFileSync } from "node:fs";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface Spec {
  info: { description: string };
  components: Record<"examples" | "responses" | "schemas", Record<string, Json>>;
  [key: string]: Json;
}

/** The id under which tests add the bundle to a JSON Schema validator. */
export const SPEC_ID = "livedesk-openapi.json";

export const spec = JSON.parse(readFileSync(new URL("../dist/openapi.json", import.meta.url), "utf8")) as Spec;

/** RFC 6901 JSON pointer of a path of keys. */
export function pointer(...segments: (string | number)[]): string {
  return segments.map((segment) => `/${String(segment).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");
}

/** Every node of a JSON document with the path of keys that leads to it, the root first. */
export function walk(root: unknown, path: (string | number)[] = []): { path: (string | number)[]; node: unknown }[] {
  const here = [{ path, node: root }];
  if (root === null || typeof root !== "object") {
    return here;
  }
  const entries = Array.isArray(root) ? root.entries() : Object.entries(root);
  return [...here, ...[...entries].flatMap(([key, value]) => walk(value, [...path, key]))];
}
