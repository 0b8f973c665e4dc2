import type { EngineClient } from "../../client/index.js";

// The volume wire types as the typed client's signatures carry them (app and cli reach the API only
// through the client, by the import rules of DESIGN.md).

/** GET /volumes/{name}: Docker's Volume. */
export type VolumeInspect = Awaited<ReturnType<EngineClient["inspectVolume"]>>;
/** POST /volumes/create body. */
export type VolumeCreateBody = Parameters<EngineClient["createVolume"]>[0];
/** POST /volumes/prune answer. */
export type VolumePruneResponse = Awaited<ReturnType<EngineClient["pruneVolumes"]>>;
/** List and prune filters (`label`, `dangling`, …). */
export type VolumeFilters = NonNullable<NonNullable<Parameters<EngineClient["listVolumes"]>[0]>["filters"]>;
/** The volume routes of the engine, as the volume use cases need them. */
export type VolumePort = Pick<
  EngineClient,
  "listVolumes" | "createVolume" | "inspectVolume" | "removeVolume" | "pruneVolumes"
>;

/** `volume create [--driver] [--label k=v] [--opt k=v] [NAME]`: the name of the volume (made or found). */
export async function createVolume(
  port: Pick<VolumePort, "createVolume">,
  request: {
    name?: string;
    driver?: string;
    labels: Record<string, string>;
    options: Record<string, string>;
  },
): Promise<string> {
  const body: VolumeCreateBody = {
    ...(request.name !== undefined ? { Name: request.name } : {}),
    Driver: request.driver ?? "local",
    ...(Object.keys(request.options).length > 0 ? { DriverOpts: request.options } : {}),
    ...(Object.keys(request.labels).length > 0 ? { Labels: request.labels } : {}),
  };
  return (await port.createVolume(body)).Name;
}

/** `volume ls`: the volumes matching the filters, sorted by name. */
export async function listVolumes(
  port: Pick<VolumePort, "listVolumes">,
  filters: VolumeFilters,
): Promise<VolumeInspect[]> {
  const answer = await port.listVolumes({ filters });
  return [...answer.Volumes].sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));
}

/** `volume inspect` of each name, in order, collecting the ones that failed. */
export async function inspectVolumes(
  port: Pick<VolumePort, "inspectVolume">,
  names: readonly string[],
): Promise<{ found: VolumeInspect[]; failed: { name: string; error: unknown }[] }> {
  const found: VolumeInspect[] = [];
  const failed: { name: string; error: unknown }[] = [];
  for (const name of names) {
    try {
      found.push(await port.inspectVolume(name));
    } catch (error: unknown) {
      failed.push({ name, error });
    }
  }
  return { found, failed };
}

/** `volume rm [-f]` of each name, in order: the removed names and the failures. */
export async function removeVolumes(
  port: Pick<VolumePort, "removeVolume">,
  names: readonly string[],
  options: { force: boolean },
): Promise<{ done: string[]; failed: { name: string; error: unknown }[] }> {
  const done: string[] = [];
  const failed: { name: string; error: unknown }[] = [];
  for (const name of names) {
    try {
      await port.removeVolume(name, { force: options.force });
      done.push(name);
    } catch (error: unknown) {
      failed.push({ name, error });
    }
  }
  return { done, failed };
}

/** `volume prune [-a]`: unused anonymous volumes, or every unused one with `all` (filter `all=true`). */
export function pruneVolumes(
  port: Pick<VolumePort, "pruneVolumes">,
  options: { all: boolean; filters: VolumeFilters },
): Promise<VolumePruneResponse> {
  const filters: VolumeFilters = { ...options.filters };
  if (options.all) filters.all = ["true"];
  return port.pruneVolumes({ filters });
}
