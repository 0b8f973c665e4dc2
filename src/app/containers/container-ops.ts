import type { ContainerInspect, ContainerSummary, ContainerTopResponse, Filters } from "./api-types.js";
import type { EnginePort } from "./engine-port.js";

/** Runs one operation per container in order, collecting failures instead of stopping at the first. */
export async function eachContainer(
  ids: readonly string[],
  operation: (id: string) => Promise<void>,
): Promise<{ done: string[]; failed: { id: string; error: unknown }[] }> {
  const done: string[] = [];
  const failed: { id: string; error: unknown }[] = [];
  for (const id of ids) {
    try {
      await operation(id);
      done.push(id);
    } catch (error: unknown) {
      failed.push({ id, error });
    }
  }
  return { done, failed };
}

/** Lists containers (running only unless `all`), filtered as Docker filters them. */
export function listContainers(
  port: Pick<EnginePort, "listContainers">,
  options: { all: boolean; filters: Filters; limit?: number },
): Promise<ContainerSummary[]> {
  return port.listContainers(options);
}

/** Inspects containers in order; a missing one fails the whole call like Docker's per-object error. */
export async function inspectContainers(
  port: Pick<EnginePort, "inspectContainer">,
  ids: readonly string[],
): Promise<{ found: ContainerInspect[]; failed: { id: string; error: unknown }[] }> {
  const found: ContainerInspect[] = [];
  const failed: { id: string; error: unknown }[] = [];
  for (const id of ids) {
    try {
      found.push(await port.inspectContainer(id));
    } catch (error: unknown) {
      failed.push({ id, error });
    }
  }
  return { found, failed };
}

/** The processes of a running container. */
export function topContainer(
  port: Pick<EnginePort, "topContainer">,
  id: string,
  psArgs?: string,
): Promise<ContainerTopResponse> {
  return port.topContainer(id, psArgs !== undefined ? { ps_args: psArgs } : {});
}
