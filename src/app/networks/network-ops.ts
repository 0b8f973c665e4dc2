import type { Filters } from "../containers/api-types.js";
import type {
  EndpointConfig,
  NetworkCreateBody,
  NetworkInspect,
  NetworkPort,
  NetworkPruneResponse,
} from "./network-types.js";

/** Per-name outcome of a command over several networks: what succeeded, and each failure. */
export interface EachResult<T> {
  done: T[];
  failed: { name: string; error: unknown }[];
}

async function each<T>(
  names: readonly string[],
  operation: (name: string) => Promise<T>,
): Promise<EachResult<T>> {
  const result: EachResult<T> = { done: [], failed: [] };
  for (const name of names) {
    try {
      result.done.push(await operation(name));
    } catch (error: unknown) {
      result.failed.push({ name, error });
    }
  }
  return result;
}

/** `network create`: the new network's id and the engine's warning ("" when none). */
export async function createNetwork(
  port: Pick<NetworkPort, "createNetwork">,
  body: NetworkCreateBody,
): Promise<{ id: string; warning: string }> {
  const answer = await port.createNetwork(body);
  return { id: answer.Id, warning: answer.Warning };
}

/** `network ls`: the networks matching the filters, sorted by name as Docker's CLI sorts them. */
export async function listNetworks(
  port: Pick<NetworkPort, "listNetworks">,
  filters: Filters,
): Promise<NetworkInspect[]> {
  const networks = await port.listNetworks(Object.keys(filters).length > 0 ? { filters } : {});
  return networks.sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : a.Id < b.Id ? -1 : 1));
}

/** `network inspect`: each network in order; the missing ones as failures. */
export function inspectNetworks(
  port: Pick<NetworkPort, "inspectNetwork">,
  names: readonly string[],
  options: { verbose: boolean },
): Promise<EachResult<NetworkInspect>> {
  return each(names, (name) => port.inspectNetwork(name, options.verbose ? { verbose: true } : {}));
}

/** `network rm`: removes each network in order, returning the names removed and the failures. */
export function removeNetworks(
  port: Pick<NetworkPort, "removeNetwork">,
  names: readonly string[],
): Promise<EachResult<string>> {
  return each(names, async (name) => {
    await port.removeNetwork(name);
    return name;
  });
}

/** `network connect`: attaches a container to a network with its endpoint settings. */
export function connectNetwork(
  port: Pick<NetworkPort, "connectNetwork">,
  request: { network: string; container: string; endpoint: EndpointConfig },
): Promise<void> {
  return port.connectNetwork(request.network, {
    Container: request.container,
    EndpointConfig: request.endpoint,
  });
}

/** `network disconnect`: detaches a container (`force` also when it is not running cleanly). */
export function disconnectNetwork(
  port: Pick<NetworkPort, "disconnectNetwork">,
  request: { network: string; container: string; force: boolean },
): Promise<void> {
  return port.disconnectNetwork(request.network, {
    Container: request.container,
    ...(request.force ? { Force: true } : {}),
  });
}

/** `network prune`: removes the custom networks no container uses; the names removed. */
export async function pruneNetworks(
  port: Pick<NetworkPort, "pruneNetworks">,
  filters: Filters,
): Promise<string[]> {
  const answer: NetworkPruneResponse = await port.pruneNetworks(
    Object.keys(filters).length > 0 ? { filters } : {},
  );
  return answer.NetworksDeleted ?? [];
}
