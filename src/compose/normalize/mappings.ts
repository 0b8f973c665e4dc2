import type { RawValue } from "../tree.js";
import { asMap, scalarText, untag } from "./values.js";

/** `extra_hosts` (list of `host=ip`/`host:ip`, or mapping) as compose prints it: sorted `host=ip` lines. */
export function extraHostsList(value: RawValue | undefined): string[] {
  const v = untag(value);
  const entries: [string, string][] = [];
  if (Array.isArray(v)) {
    for (const item of v) {
      const text = scalarText(item);
      const eq = text.indexOf("=");
      const at = eq >= 0 ? eq : text.indexOf(":");
      if (at < 0) throw new Error(`invalid additional host, missing IP: ${text}`);
      for (const ip of text.slice(at + 1).split(",")) entries.push([text.slice(0, at), ip]);
    }
  } else {
    const map = asMap(v);
    for (const host of Object.keys(map)) {
      const item = untag(map[host]);
      const ips = Array.isArray(item) ? item.map((e) => scalarText(e)) : [scalarText(item)];
      for (const ip of ips) entries.push([host, ip]);
    }
  }
  const lines = entries.map(([host, ip]) => {
    if (host === "" || /[:=]/.test(host)) throw new Error(`bad host name '${host}'`);
    const bare = ip.length > 2 && ip.startsWith("[") && ip.endsWith("]") ? ip.slice(1, -1) : ip;
    return `${host}=${bare}`;
  });
  return lines.sort();
}
