#!/usr/bin/env node
// The package's bin. It exists before the build, so npm links it at install in this repository's workspace too, and
// `npx livedesk-mock` there runs the built CLI instead of looking for a package of that name on the registry.
import "../dist/cli.mjs";
