import type { ArgvInput } from "./container-spec.js";
import { ContainerSpecError } from "./errors.js";

/** Image-side argv inputs. */
export interface ImageArgv {
  entrypoint?: ArgvInput | null;
  cmd?: ArgvInput | null;
}

/** Service-side argv overrides. */
export interface ServiceArgv {
  entrypoint?: ArgvInput | null;
  command?: ArgvInput | null;
}

/** Turns exec form (kept) or shell form (`/bin/sh -c s`; "" is empty) into an argv. */
export function toArgv(input: ArgvInput): string[] {
  if (typeof input === "string") return input === "" ? [] : ["/bin/sh", "-c", input];
  return [...input];
}

/**
 * Final argv by Docker's rules: a service entrypoint (even empty) replaces the image's and clears the
 * image cmd; a service command replaces the image cmd; the result is entrypoint followed by cmd.
 */
export function resolveArgv(image: ImageArgv, service: ServiceArgv): string[] {
  const serviceEntrypoint = service.entrypoint ?? undefined;
  const serviceCommand = service.command ?? undefined;
  let entrypoint: string[];
  let cmd: string[];
  if (serviceEntrypoint !== undefined) {
    entrypoint = toArgv(serviceEntrypoint);
    cmd = serviceCommand === undefined ? [] : toArgv(serviceCommand);
  } else {
    entrypoint = image.entrypoint == null ? [] : toArgv(image.entrypoint);
    const cmdInput = serviceCommand ?? image.cmd ?? undefined;
    cmd = cmdInput === undefined ? [] : toArgv(cmdInput);
  }
  const argv = [...entrypoint, ...cmd];
  if (argv.length === 0 || argv[0] === "") {
    throw new ContainerSpecError("no command specified: neither the image nor the service sets one");
  }
  return argv;
}
