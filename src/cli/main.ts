#!/usr/bin/env node
import { runNodeCli } from "./startup/run-node-cli.js";

// The plain entry point; the startup snapshot (scripts/build-snapshot.mjs) runs the same function.
await runNodeCli();
