import { posix } from "node:path";
import { UsageError } from "../../shared/errors.js";
import type { ContainerConfig, HealthConfig } from "./container-config.js";
import { parseGoDuration } from "./duration.js";
import { envLookup, processWord, processWords, type VariableLookup } from "./words.js";

/** Instructions `docker import --change` and `docker commit --change` accept. */
export const changeInstructions = [
  "CMD",
  "ENTRYPOINT",
  "ENV",
  "EXPOSE",
  "HEALTHCHECK",
  "LABEL",
  "ONBUILD",
  "STOPSIGNAL",
  "USER",
  "VOLUME",
  "WORKDIR",
] as const;

type Instruction = (typeof changeInstructions)[number];

function isInstruction(word: string): word is Instruction {
  return (changeInstructions as readonly string[]).includes(word);
}

/** A JSON array of strings (exec form), or undefined when `text` is not one (then it is shell form). */
function jsonArray(text: string): string[] | undefined {
  if (!text.startsWith("[")) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (Array.isArray(value) && value.every((item) => typeof item === "string")) return value;
  } catch {
    // Not JSON: Docker then takes the text as shell form.
  }
  return undefined;
}

function commandOf(text: string, shell: readonly string[] | undefined): string[] {
  return jsonArray(text) ?? [...(shell ?? ["/bin/sh", "-c"]), text];
}

/** `KEY=value …` pairs, or the legacy `KEY value with spaces` form. */
function pairs(what: string, text: string, lookup: VariableLookup): [string, string][] {
  const words = processWords(text, lookup, { split: true });
  const first = words[0];
  if (first === undefined) throw new UsageError(`${what} needs at least one argument`);
  if (!first.includes("=")) {
    const key = /^\S+/.exec(text)?.[0] ?? first;
    const rest = text.slice(key.length).trim();
    if (rest === "")
      throw new UsageError(`${what} ${key} needs a value (${what} KEY=value or ${what} KEY value)`);
    return [[processWord(key, lookup), processWord(rest, lookup)]];
  }
  return words.map((word) => {
    const eq = word.indexOf("=");
    if (eq <= 0) throw new UsageError(`${what} expects KEY=value pairs, got "${word}"`);
    return [word.slice(0, eq), word.slice(eq + 1)];
  });
}

function exposedPorts(words: readonly string[]): string[] {
  return words.flatMap((word) => {
    const match = /^(\d+)(?:-(\d+))?(?:\/([A-Za-z]+))?$/.exec(word);
    const low = Number(match?.[1]);
    const high = match?.[2] === undefined ? low : Number(match[2]);
    const proto = (match?.[3] ?? "tcp").toLowerCase();
    if (!match || low < 1 || high > 65535 || high < low || !["tcp", "udp", "sctp"].includes(proto)) {
      throw new UsageError(`invalid port "${word}" in EXPOSE (PORT[-PORT][/tcp|udp|sctp])`);
    }
    return Array.from({ length: high - low + 1 }, (_, i) => `${low + i}/${proto}`);
  });
}

const healthFlags: Record<string, keyof HealthConfig> = {
  interval: "Interval",
  timeout: "Timeout",
  "start-period": "StartPeriod",
  "start-interval": "StartInterval",
  retries: "Retries",
};

function healthcheck(text: string): HealthConfig {
  const out: HealthConfig = {};
  let rest = text.trim();
  for (let flag = /^--([a-z-]+)=(\S*)\s*/.exec(rest); flag; flag = /^--([a-z-]+)=(\S*)\s*/.exec(rest)) {
    const [all, name = "", value = ""] = flag;
    const key = healthFlags[name];
    if (key === undefined) throw new UsageError(`unknown HEALTHCHECK flag --${name}`);
    if (key === "Retries") {
      if (!/^\d+$/.test(value))
        throw new UsageError(`HEALTHCHECK --retries must be a whole number, got "${value}"`);
      out.Retries = Number(value);
    } else {
      out[key as "Interval" | "Timeout" | "StartPeriod" | "StartInterval"] = parseGoDuration(value);
    }
    rest = rest.slice(all.length);
  }
  const [word = "", ...others] = rest.split(/\s+/);
  const type = word.toUpperCase();
  if (type === "NONE") {
    if (others.length > 0 || Object.keys(out).length > 0)
      throw new UsageError("HEALTHCHECK NONE takes no other arguments");
    return { Test: ["NONE"] };
  }
  if (type !== "CMD") throw new UsageError(`HEALTHCHECK expects CMD or NONE, got "${word}"`);
  const command = rest.slice(word.length).trim();
  if (command === "") throw new UsageError("HEALTHCHECK CMD needs a command");
  const exec = jsonArray(command);
  return { Test: exec ? ["CMD", ...exec] : ["CMD-SHELL", command], ...out };
}

interface State {
  config: ContainerConfig;
  cmdSet: boolean;
}

function applyOne(state: State, line: string): void {
  const trimmed = line.trim();
  const keyword = /^\S+/.exec(trimmed)?.[0] ?? "";
  const name = keyword.toUpperCase();
  if (!isInstruction(name)) throw new UsageError(`"${keyword}" is not a valid change command`);
  const rest = trimmed.slice(keyword.length).trim();
  const config = state.config;
  const lookup = envLookup(config.Env ?? []);
  switch (name) {
    case "CMD":
      config.Cmd = commandOf(rest, config.Shell);
      state.cmdSet = true;
      return;
    case "ENTRYPOINT":
      config.Entrypoint = commandOf(rest, config.Shell);
      // As in a Dockerfile: a new ENTRYPOINT drops an inherited CMD unless CMD was given before it.
      if (!state.cmdSet) delete config.Cmd;
      return;
    case "ENV": {
      const env = [...(config.Env ?? [])];
      for (const [key, value] of pairs("ENV", rest, lookup)) {
        const at = env.findIndex((item) => item === key || item.startsWith(`${key}=`));
        if (at === -1) env.push(`${key}=${value}`);
        else env[at] = `${key}=${value}`;
      }
      config.Env = env;
      return;
    }
    case "LABEL":
      config.Labels = { ...config.Labels, ...Object.fromEntries(pairs("LABEL", rest, lookup)) };
      return;
    case "EXPOSE": {
      const ports = exposedPorts(processWords(rest, lookup, { split: true }));
      config.ExposedPorts = { ...config.ExposedPorts, ...Object.fromEntries(ports.map((p) => [p, {}])) };
      return;
    }
    case "VOLUME": {
      const paths = jsonArray(rest) ?? processWords(rest, lookup, { split: true });
      if (paths.length === 0 || paths.some((p) => p.trim() === ""))
        throw new UsageError("VOLUME needs one or more non-empty paths");
      config.Volumes = { ...config.Volumes, ...Object.fromEntries(paths.map((p) => [p, {}])) };
      return;
    }
    case "WORKDIR": {
      const dir = processWord(rest, lookup);
      if (dir === "") throw new UsageError("WORKDIR needs a path");
      config.WorkingDir = posix.normalize(
        posix.isAbsolute(dir) ? dir : posix.join(config.WorkingDir || "/", dir),
      );
      return;
    }
    case "USER":
      config.User = processWord(rest, lookup);
      return;
    case "STOPSIGNAL": {
      const signal = processWord(rest, lookup);
      if (!/^(?:\d+|(?:SIG)?[A-Z][A-Z0-9+-]*)$/i.test(signal))
        throw new UsageError(`invalid STOPSIGNAL "${signal}"`);
      config.StopSignal = signal;
      return;
    }
    case "HEALTHCHECK":
      config.Healthcheck = healthcheck(rest);
      return;
    case "ONBUILD": {
      const trigger = /^\S+/.exec(rest)?.[0]?.toUpperCase() ?? "";
      if (trigger === "" || ["ONBUILD", "FROM", "MAINTAINER"].includes(trigger))
        throw new UsageError(`ONBUILD cannot trigger "${trigger}"`);
      config.OnBuild = [...(config.OnBuild ?? []), `${trigger}${rest.slice(trigger.length)}`];
      return;
    }
  }
}

/** Applies Dockerfile-like change lines (`docker import --change`) to a container config; returns a new one. */
export function applyChanges(config: ContainerConfig, changes: readonly string[]): ContainerConfig {
  const state: State = { config: structuredClone(config), cmdSet: false };
  for (const line of changes) {
    if (line.trim() === "") continue;
    try {
      applyOne(state, line);
    } catch (error) {
      if (error instanceof UsageError && !error.message.startsWith("change ")) {
        throw new UsageError(`change "${line.trim()}": ${error.message}`, {
          cause: error,
          details: { change: line },
        });
      }
      throw error;
    }
  }
  return state.config;
}
