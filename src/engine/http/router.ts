/** Path parameters captured by a route pattern. */
export type Params = Record<string, string>;

interface Route<H> {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: H;
}

/** Result of matching a request: the handler and its parameters, or why nothing matched. */
export type RouteMatch<H> =
  | { kind: "found"; handler: H; params: Params }
  | { kind: "method-not-allowed" }
  | { kind: "not-found" };

/** Compiles `/containers/:id/start` or `/images/:name*` (the star takes slashes too) to a regex. */
function compile(path: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const source = path
    .split("/")
    .map((part) => {
      const param = /^:(\w+)(\*?)$/.exec(part);
      if (!param) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(param[1] ?? "");
      return param[2] === "*" ? "(.+?)" : "([^/]+)";
    })
    .join("/");
  return { pattern: new RegExp(`^${source}$`), names };
}

/** A tiny method + path router; routes are tried in the order they were added. */
export class Router<H> {
  private readonly routes: Route<H>[] = [];

  /** Adds a route. */
  add(method: string, path: string, handler: H): this {
    this.routes.push({ method, ...compile(path), handler });
    return this;
  }

  /** Finds the route for a method and an already-decoded-per-segment path. */
  match(method: string, path: string): RouteMatch<H> {
    let pathMatched = false;
    for (const route of this.routes) {
      const found = route.pattern.exec(path);
      if (!found) continue;
      pathMatched = true;
      if (route.method !== method && !(method === "HEAD" && route.method === "GET")) continue;
      const params: Params = {};
      route.names.forEach((name, i) => {
        params[name] = decodeURIComponent(found[i + 1] ?? "");
      });
      return { kind: "found", handler: route.handler, params };
    }
    return pathMatched ? { kind: "method-not-allowed" } : { kind: "not-found" };
  }
}

/** Splits `/v1.43/containers/json` into the version and the path (no prefix → version undefined). */
export function stripVersion(path: string): { version: string | undefined; path: string } {
  const found = /^\/v(\d+\.\d+)(\/.*)$/.exec(path);
  if (!found) return { version: undefined, path };
  return { version: found[1], path: found[2] ?? "/" };
}
