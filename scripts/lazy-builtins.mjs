// An esbuild plugin that makes Node built-ins load when the code that uses them first runs, not when
// the bundle starts. esbuild hoists every `import … from "node:http"` of a one-file ESM bundle to its
// top, including those of modules reached only through `await import()` (the engine, the API client,
// execa): `berth config` would load node:http, child_process, crypto, dgram… for nothing. Here each
// built-in becomes a tiny CommonJS module (`module.exports = require("node:http")`), which esbuild
// initializes lazily together with the first module that imports it, so a built-in loads exactly when
// a module that needs it is initialized. The bundles define `require` (bin banner / CommonJS snapshot).
import { builtinModules } from "node:module";

const builtins = new Set(builtinModules);
const namespace = "berth-lazy-builtin";
const deferredSuffix = "?on-first-use";

// A CommonJS package that requires a built-in at its top for a path berth never takes gets a stand-in
// that loads the built-in at its first property read: commander requires node:child_process only to
// run executable subcommands (`git-style`), and child_process alone loads net, dgram and streams.
const deferred = [{ importer: /[\\/]node_modules[\\/]commander[\\/]/, builtin: "node:child_process" }];

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
        const name = JSON.stringify(defer ? args.path.slice(0, -deferredSuffix.length) : args.path);
        const contents = defer
          ? `let real;\nconst load = () => (real ??= require(${name}));\n` +
            "module.exports = new Proxy({}, { get: (_target, key) => load()[key], has: (_target, key) => key in load() });\n"
          : `module.exports = require(${name});\n`;
        return { contents, loader: "js", resolveDir: "." };
      });
    },
  };
}
