import type { ContainerCreateBody } from "../../api/index.js";
import { type PortForward, parsePortKey } from "../../network/index.js";
import { BerthError } from "../../shared/errors.js";
import type { HostPorts } from "./network-deps.js";

/** Input of `resolvePorts`. */
export interface ResolvePortsInput {
  body: ContainerCreateBody;
  /** Ports the image exposes ("80/tcp"). */
  imageExposed: readonly string[];
  containerIp: string;
  bridge: string;
  /** Host ports (per protocol) already published by this engine's live containers. */
  taken: ReadonlySet<string>;
  ports: HostPorts;
}

function allocated(hostIp: string | undefined, port: number): BerthError {
  return new BerthError(
    "CONFLICT",
    `Bind for ${hostIp ?? "0.0.0.0"}:${port} failed: port is already allocated`,
    {
      details: { hostIp: hostIp ?? "0.0.0.0", hostPort: port },
    },
  );
}

/** The port keys a container publishes: PortBindings, plus with PublishAllPorts every exposed port. */
export function publishedKeys(
  body: ContainerCreateBody,
  imageExposed: readonly string[],
): Map<string, { HostIp?: string | null; HostPort?: string | null }[]> {
  const out = new Map<string, { HostIp?: string | null; HostPort?: string | null }[]>();
  for (const [key, list] of Object.entries(body.HostConfig?.PortBindings ?? {})) {
    out.set(key.includes("/") ? key : `${key}/tcp`, list?.length ? list : [{ HostPort: "" }]);
  }
  if (body.HostConfig?.PublishAllPorts) {
    for (const key of [...imageExposed, ...Object.keys(body.ExposedPorts ?? {})]) {
      const full = key.includes("/") ? key : `${key}/tcp`;
      if (!out.has(full)) out.set(full, [{ HostPort: "" }]);
    }
  }
  return new Map([...out.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

function hostPortRange(text: string): { start: number; end: number } | undefined {
  const found = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!found) throw new BerthError("INVALID_ARGUMENT", `invalid host port "${text}"`);
  const start = Number(found[1]);
  const end = found[2] === undefined ? start : Number(found[2]);
  if (start < 1 || end > 65535 || end < start)
    throw new BerthError("INVALID_ARGUMENT", `invalid host port "${text}"`);
  return { start, end };
}

/**
 * Resolves the container's published ports to forwards: a given host port must be free (not published
 * by this engine, and bindable on the host), "" or "0" picks a free one, "A-B" the first free one of the range.
 */
export async function resolvePorts(input: ResolvePortsInput): Promise<PortForward[]> {
  const forwards: PortForward[] = [];
  const used = new Set(input.taken);
  for (const [key, bindings] of publishedKeys(input.body, input.imageExposed)) {
    const { port: containerPort, protocol } = parsePortKey(key);
    if (protocol === "sctp")
      throw new BerthError("INVALID_ARGUMENT", `publishing sctp port ${key} is not supported`);
    for (const binding of bindings) {
      const ipText = binding.HostIp ?? "";
      if (ipText.includes(":")) continue; // IPv6 host addresses: the ip table has no v6 rules
      const hostIp = ipText === "" || ipText === "0.0.0.0" ? undefined : ipText;
      const ip = hostIp ? { hostIp } : {};
      const free = async (port: number) =>
        !used.has(`${protocol}/${port}`) && (await input.ports.isFree({ protocol, port, ...ip }));
      const text = binding.HostPort ?? "";
      let hostPort: number;
      if (text === "" || text === "0") {
        const exclude = new Set(
          [...used].filter((u) => u.startsWith(`${protocol}/`)).map((u) => Number(u.slice(4))),
        );
        hostPort = await input.ports.pickFree({ protocol, exclude, ...ip });
      } else {
        const range = hostPortRange(text);
        if (!range) throw new BerthError("INVALID_ARGUMENT", `invalid host port "${text}"`);
        let found: number | undefined;
        for (let p = range.start; p <= range.end && found === undefined; p++) if (await free(p)) found = p;
        if (found === undefined) throw allocated(hostIp, range.start);
        hostPort = found;
      }
      used.add(`${protocol}/${hostPort}`);
      forwards.push({
        protocol,
        ...ip,
        hostPort,
        containerIp: input.containerIp,
        containerPort,
        bridge: input.bridge,
      });
    }
  }
  return forwards;
}
