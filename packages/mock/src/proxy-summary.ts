import type { MockServer } from "./index.js";

/** What a validation proxy saw, in two sections: violations of the spec, then fields the spec does not document. */
export function formatProxySummary({ violations, undocumentedFields }: MockServer): string {
  const lines = [`Violations of the spec (${violations.length}):`];
  for (const { request, location, message } of violations) {
    lines.push(`  ${request}  ${location}: ${message}`);
  }
  lines.push(`Undocumented response fields (${undocumentedFields.length}), drift rather than errors:`);
  for (const { operation, status, location } of undocumentedFields) {
    lines.push(`  ${operation}  ${status}  ${location}`);
  }
  return `${lines.join("\n")}\n`;
}
