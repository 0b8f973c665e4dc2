// An esbuild plugin that makes Node built-ins load when the code that uses them first runs, not when
// the bundle starts. esbuild hoists every `import … from "node:http"` of a one-file ESM bundle to its
// top, including those of modules reached only through `await import()` (the engine, the API client,
// execa): `berth config` would load node:http, child_process, crypto, dgram… for nothing. Here each
// built-in becomes a tiny CommonJS module (`module.exports = require("node:http")`), which esbuild
// initializes lazily together with the first module that imports it, so a built-in loads exactly when
// a module that needs it is initialized. The bundles define `require` (bin banner / CommonJS snapshot).
import { builtinModules, createRequire } from "node:module";

const builtins = new Set(builtinModules);
const require = createRequire(import.meta.url);
const namespace = "berth-lazy-builtin";
const deferredSuffix = "?on-first-use";

// Some built-ins are imported at the top of modules that `berth config` initializes but needs them only
// on paths it rarely or never takes. Those get a stand-in whose every export is a getter that loads the
// real module at its first read (esbuild's ESM interop copies getters as getters, so named imports stay
// lazy too): commander requires node:child_process only to run executable subcommands, which berth has
// none of (child_process alone loads net, dgram and streams); node:crypto (≈ 5 ms to load) serves
// `config --hash` and the engine, not a plain `berth config`.
const deferred = [
  { importer: /[\\/]node_modules[\\/]commander[\\/]/, builtin: "node:child_process" },
  { importer: /./, builtin: "node:crypto" },
];

/** The stand-in of a deferred built-in: its export names (read now, from this node) as loading getters. */
function deferredStandIn(name) {
  const keys = JSON.stringify(Object.keys(require(name)).sort());
  return (
    `let real;\nconst load = () => (real ??= require(${JSON.stringify(name)}));\n` +
    `for (const key of ${keys})\n` +
    "  Object.defineProperty(module.exports, key, { enumerable: true, get: () => load()[key] });\n"
  );
}

/** The canonical `node:` name of a built-in import path, or undefined for anything else. */
function builtinName(path) {
  const bare = path.startsWith("node:") ? path.slice(5) : path;
  return builtins.has(bare) || path.startsWith("node:") ? `node:${bare}` : undefined;
}

/** The esbuild plugin (see the file comment). */
export function lazyBuiltins() {
  return {
    name: "berth-lazy-builtins",
    setup(build) {
      build.onResolve({ filter: /^(node:)?[a-z0-9_/]+$/ }, (args) => {
        const name = builtinName(args.path);
        if (name === undefined) return undefined;
        // The stand-in's own require stays a runtime require of the real built-in.
        if (args.namespace === namespace) return { path: name, external: true };
        const defer = deferred.some((d) => d.builtin === name && d.importer.test(args.importer));
        // esbuild keeps one module per path: the deferred stand-in needs a path of its own.
        return { path: defer ? `${name}${deferredSuffix}` : name, namespace };
      });
      build.onLoad({ filter: /.*/, namespace }, (args) => {
        const defer = args.path.endsWith(deferredSuffix);
        const contents = defer
          ? deferredStandIn(args.path.slice(0, -deferredSuffix.length))
          : `module.exports = require(${JSON.stringify(args.path)});\n`;
        return { contents, loader: "js", resolveDir: "." };
      });
    },
  };
}
