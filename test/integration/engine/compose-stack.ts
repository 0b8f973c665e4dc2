import type { Project, ServiceConfig } from "../../../src/compose/index.js";
import { loadProject } from "../../../src/compose/index.js";
import { nodeLoaderHost } from "../../../src/platform/node-loader-host.js";
import type { Api } from "./api.js";

// A test driver that runs a compose project through the engine's API the way Docker Compose lays it
// out (networks `<project>_<name>`, containers `<project>-<service>-<n>` with the service name as a
// network alias, compose labels). It is the harness of the compose-spec conformance projects, not
// berth's `up` (that is the orchestration issue's: plans, health gates, recreation).

/** A project brought up: its containers by service, and the host port each published port got. */
export interface Stack {
  project: Project;
  containers: Map<string, string[]>;
  /** `"<service>:<target>/<protocol>"` → the host port it is published on. */
  hostPorts: Map<string, number>;
  networks: string[];
  volumes: string[];
}

/** Options of `upStack`. */
export interface UpOptions {
  file: string;
  projectName: string;
  /** Maps a published port of the file to the host port to use (tests must not use fixed ports). */
  publish: (published: number, protocol: string) => Promise<number>;
}

function labels(project: string, extra: Record<string, string>): Record<string, string> {
  return { "com.docker.compose.project": project, ...extra };
}

function bindsOf(service: ServiceConfig, project: Project): string[] {
  const binds: string[] = [];
  for (const volume of service.volumes ?? []) {
    const mode = volume.read_only ? ":ro" : "";
    if (volume.type === "bind") binds.push(`${volume.source}:${volume.target}${mode}`);
    else if (volume.type === "volume" && volume.source) {
      const name = project.volumes?.[volume.source]?.name ?? `${project.name}_${volume.source}`;
      binds.push(`${name}:${volume.target}${mode}`);
    }
  }
  for (const [kind, refs] of [
    ["secrets", service.secrets],
    ["configs", service.configs],
  ] as const) {
    for (const ref of refs ?? []) {
      const file = (kind === "secrets" ? project.secrets : project.configs)?.[ref.source]?.file;
      if (!file) throw new Error(`${kind} ${ref.source}: only file-based ones are supported by this driver`);
      const target = ref.target ?? (kind === "secrets" ? `/run/secrets/${ref.source}` : `/${ref.source}`);
      binds.push(`${file}:${target}:ro`);
    }
  }
  return binds;
}

/** Loads `file` and creates its networks, volumes and containers (all replicas), then starts them. */
export async function upStack(api: Api, options: UpOptions): Promise<Stack> {
  const { project } = loadProject(
    {
      files: [options.file],
      cwd: process.cwd(),
      projectName: options.projectName,
      environment: {},
    },
    nodeLoaderHost(),
  );
  const stack: Stack = { project, containers: new Map(), hostPorts: new Map(), networks: [], volumes: [] };
  for (const [key, network] of Object.entries(project.networks ?? {}).sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    if (network.external) continue;
    const name = network.name ?? `${project.name}_${key}`;
    await api.ok("POST", "/networks/create", {
      Name: name,
      Driver: network.driver ?? "bridge",
      Internal: network.internal ?? false,
      Labels: labels(project.name, { "com.docker.compose.network": key }),
    });
    stack.networks.push(name);
  }
  for (const [key, volume] of Object.entries(project.volumes ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    if (volume.external) continue;
    const name = volume.name ?? `${project.name}_${key}`;
    await api.ok("POST", "/volumes/create", {
      Name: name,
      Labels: labels(project.name, { "com.docker.compose.volume": key }),
    });
    stack.volumes.push(name);
  }
  for (const [serviceName, service] of Object.entries(project.services).sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    const networkNames = Object.keys(service.networks ?? {}).map(
      (key) => project.networks?.[key]?.name ?? `${project.name}_${key}`,
    );
    const portBindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
    for (const port of service.ports ?? []) {
      const key = `${port.target}/${port.protocol}`;
      const published = port.published ? Number(port.published) : 0;
      const hostPort = published ? await options.publish(published, port.protocol) : 0;
      if (hostPort) stack.hostPorts.set(`${serviceName}:${key}`, hostPort);
      const bindings = portBindings[key] ?? [];
      bindings.push({ HostIp: port.host_ip ?? "", HostPort: hostPort ? String(hostPort) : "" });
      portBindings[key] = bindings;
    }
    const replicas = service.deploy?.replicas ?? 1;
    const ids: string[] = [];
    for (let index = 1; index <= replicas; index++) {
      const name = `${project.name}-${serviceName}-${index}`;
      const endpoints = Object.fromEntries(
        networkNames.map((network) => [network, { Aliases: [serviceName, name] }]),
      );
      const created = await api.ok<{ Id: string }>("POST", `/containers/create?name=${name}`, {
        Image: service.image,
        ...(service.command ? { Cmd: service.command } : {}),
        Hostname: name,
        ExposedPorts: Object.fromEntries(Object.keys(portBindings).map((key) => [key, {}])),
        Labels: labels(project.name, {
          "com.docker.compose.service": serviceName,
          "com.docker.compose.container-number": String(index),
        }),
        HostConfig: {
          NetworkMode: networkNames[0] ?? "none",
          PortBindings: portBindings,
          Binds: bindsOf(service, project),
        },
        NetworkingConfig: { EndpointsConfig: endpoints },
      });
      ids.push(created.Id);
    }
    stack.containers.set(serviceName, ids);
  }
  for (const ids of stack.containers.values()) {
    for (const id of ids) await api.ok("POST", `/containers/${id}/start`);
  }
  return stack;
}

/** Removes the stack's containers (with anonymous volumes), networks and volumes. */
export async function downStack(api: Api, stack: Stack): Promise<void> {
  for (const ids of stack.containers.values()) {
    for (const id of ids) await api.ok("DELETE", `/containers/${id}?force=1&v=1`, undefined, [204, 404]);
  }
  for (const name of stack.networks) await api.ok("DELETE", `/networks/${name}`, undefined, [204, 404]);
  for (const name of stack.volumes) await api.ok("DELETE", `/volumes/${name}`, undefined, [204, 404]);
}
