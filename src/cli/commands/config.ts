import { type Command, Option } from "commander";
import type { ConfigListing, ConfigRequest } from "../../app/config/config-command.js";
import type { CliContext } from "../cli-context.js";
import { type GlobalOptions, toLoadOptions } from "../global-options.js";

interface ConfigFlags {
  format?: "yaml" | "json";
  services?: boolean;
  volumes?: boolean;
  networks?: boolean;
  models?: boolean;
  profiles?: boolean;
  images?: boolean;
  hash?: string;
  variables?: boolean;
  environment?: boolean;
  interpolate: boolean;
  pathResolution: boolean;
  consistency: boolean;
  envResolution: boolean;
  normalize: boolean;
  quiet?: boolean;
  output?: string;
}

const listings: readonly ConfigListing[] = [
  "services",
  "volumes",
  "networks",
  "models",
  "profiles",
  "images",
];

/** Adds `config` (alias `convert`): parse, resolve and render the compose model in canonical form. */
export function addConfigCommand(program: Command, context: CliContext): void {
  program
    .command("config")
    .alias("convert")
    .description("Parse, resolve and render compose file in canonical format")
    .argument("[service...]", "render only these services (and what they depend on)")
    .addOption(new Option("--format <format>", "format the output").choices(["yaml", "json"]))
    .option("--services", "print the service names, one per line")
    .option("--volumes", "print the volume names, one per line")
    .option("--networks", "print the network names, one per line")
    .option("--models", "print the model names, one per line")
    .option("--profiles", "print the profile names, one per line")
    .option("--images", "print the image names, one per line")
    .option("--hash <services>", "print the service config hash, one per line ('*' for all)")
    .option("--variables", "print the variables the model uses, with their default values")
    .option("--environment", "print the environment used for interpolation")
    .option("--no-interpolate", "don't interpolate environment variables")
    .option("--no-path-resolution", "don't resolve file paths")
    .option("--no-normalize", "don't normalize the compose model (no defaults, no long syntax)")
    .option("--no-consistency", "don't check model consistency (may print an invalid model)")
    .option("--no-env-resolution", "don't resolve service env files (print env_file as written)")
    .option("-q, --quiet", "only validate the configuration, don't print anything")
    .option("-o, --output <file>", "save to file (default to stdout)")
    .action(async (services: string[], flags: ConfigFlags, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions & ConfigFlags>();
      const load = await toLoadOptions(globals, context);
      if (!flags.interpolate) load.interpolate = false;
      if (!flags.pathResolution) load.resolvePaths = false;
      if (!flags.consistency) load.skipValidation = true;
      if (!flags.normalize) load.normalize = false;
      if (!flags.envResolution) load.resolveEnvFiles = false;
      const request: ConfigRequest = { load, format: flags.format ?? "yaml", services };
      if (flags.quiet) request.quiet = true;
      const listing = listings.find((name) => flags[name] === true);
      if (listing !== undefined) request.listing = listing;
      else if (flags.hash !== undefined) request.hash = flags.hash;
      else if (flags.variables) request.variables = flags.format ?? "table";
      else if (flags.environment) request.environment = true;

      const [{ configCommand }, loadProject] = await Promise.all([
        import("../../app/config/config-command.js"),
        context.projectLoader(),
      ]);
      const output = configCommand(request, { loadProject, host: context.loaderHost });
      for (const warning of output.warnings) context.stderr(`WARN ${warning}\n`);
      if (flags.quiet) return;
      if (flags.output !== undefined) {
        if (output.text !== "") context.writeTextFile(flags.output, output.text);
        return;
      }
      context.stdout(output.text);
    });
}
