import type { ContainerInspect, ContainerSummary } from "../../src/api/index.js";
import type { FakeContainer } from "./fake-backend.js";

/** The host side of the fake's published ports: "" → 0.0.0.0, "" or "0" → 49153 + n, a range → its first port. */
function published(c: FakeContainer): { key: string; hostIp: string; hostPort: string }[] {
  const out: { key: string; hostIp: string; hostPort: string }[] = [];
  const bindings = c.body.HostConfig?.PortBindings ?? {};
  for (const key of Object.keys(bindings).sort()) {
    for (const binding of bindings[key] ?? []) {
      const wanted = binding.HostPort ?? "";
      const hostPort =
        wanted === "" || wanted === "0" ? String(49153 + out.length) : (wanted.split("-")[0] ?? "");
      out.push({ key, hostIp: binding.HostIp || "0.0.0.0", hostPort });
    }
  }
  return out;
}

function exposedKeys(c: FakeContainer): string[] {
  return [
    ...new Set([
      ...Object.keys(c.body.ExposedPorts ?? {}),
      ...Object.keys(c.body.HostConfig?.PortBindings ?? {}),
    ]),
  ].sort();
}

const live = (c: FakeContainer) => c.status === "running" || c.status === "paused";

/** ps's Ports of a fake container: bindings while it runs, exposed ports alone otherwise. */
export function summaryPorts(c: FakeContainer): ContainerSummary["Ports"] {
  const bound = live(c) ? published(c) : [];
  const ports: ContainerSummary["Ports"] = bound.map((b) => {
    const [port = "0", type = "tcp"] = b.key.split("/");
    return { IP: b.hostIp, PrivatePort: Number(port), PublicPort: Number(b.hostPort), Type: type as "tcp" };
  });
  for (const key of exposedKeys(c)) {
    if (bound.some((b) => b.key === key)) continue;
    const [port = "0", type = "tcp"] = key.split("/");
    ports.push({ PrivatePort: Number(port), Type: type as "tcp" });
  }
  return ports;
}

/** inspect's NetworkSettings.Ports of a fake container (null for an exposed port without bindings). */
export function inspectPorts(c: FakeContainer): ContainerInspect["NetworkSettings"]["Ports"] {
  const bound = live(c) ? published(c) : [];
  const ports: ContainerInspect["NetworkSettings"]["Ports"] = {};
  for (const key of exposedKeys(c)) {
    const mine = bound.filter((b) => b.key === key).map((b) => ({ HostIp: b.hostIp, HostPort: b.hostPort }));
    ports[key] = mine.length > 0 ? mine : null;
  }
  return ports;
}
