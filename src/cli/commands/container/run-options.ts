import type { Command } from "commander";
import { collect } from "../../global-options.js";

/** The flags of `run` and `create`, as commander parses them. */
export interface RunFlags {
  detach?: boolean;
  interactive?: boolean;
  tty?: boolean;
  name?: string;
  rm?: boolean;
  env: string[];
  envFile: string[];
  user?: string;
  workdir?: string;
  entrypoint?: string;
  init?: boolean;
  readOnly?: boolean;
  tmpfs: string[];
  volume: string[];
  mount: string[];
  /** `--volumes-from CONTAINER[:ro|:rw]` (repeatable). */
  volumesFrom?: string[];
  label: string[];
  memory?: string;
  memorySwap?: string;
  cpus?: string;
  cpuShares?: string;
  pidsLimit?: string;
  restart?: string;
  healthCmd?: string;
  healthInterval?: string;
  healthTimeout?: string;
  healthRetries?: string;
  healthStartPeriod?: string;
  healthStartInterval?: string;
  healthcheck: boolean;
  stopSignal?: string;
  stopTimeout?: string;
  capAdd: string[];
  capDrop: string[];
  privileged?: boolean;
  securityOpt: string[];
  ulimit: string[];
  sysctl: string[];
  shmSize?: string;
  hostname?: string;
  network?: string[];
  networkAlias?: string[];
  ip?: string;
  macAddress?: string;
  publish?: string[];
  publishAll?: boolean;
  expose?: string[];
  dns?: string[];
  dnsSearch?: string[];
  dnsOption?: string[];
  addHost?: string[];
  domainname?: string;
  link?: string[];
}

/** Adds the container-configuration flags `run` and `create` share (Docker's names and short forms). */
export function addRunOptions(command: Command, options: { detachFlags: boolean }): Command {
  if (options.detachFlags) command.option("-d, --detach", "run in the background and print the container ID");
  return command
    .option("-i, --interactive", "keep STDIN open (not supported yet)")
    .option("-t, --tty", "allocate a pseudo-TTY (not supported yet)")
    .option("--name <name>", "assign a name to the container")
    .option("--rm", "automatically remove the container when it exits")
    .option("-e, --env <KEY=VALUE>", "set environment variables (repeatable)", collect, [])
    .option("--env-file <file>", "read in a file of environment variables (repeatable)", collect, [])
    .option("-u, --user <user>", "username or UID (format: <name|uid>[:<group|gid>])")
    .option("-w, --workdir <dir>", "working directory inside the container")
    .option("--entrypoint <command>", "overwrite the default ENTRYPOINT of the image")
    .option("--init", "run an init inside the container that forwards signals and reaps processes")
    .option("--read-only", "mount the container's root filesystem as read only")
    .option("--tmpfs <path[:options]>", "mount a tmpfs directory (repeatable)", collect, [])
    .option("-v, --volume <src:dst[:opts]>", "bind mount a volume (repeatable)", collect, [])
    .option("--mount <spec>", "attach a filesystem mount to the container (repeatable)", collect, [])
    .option("--volumes-from <container[:ro|rw]>", "mount volumes from a container (repeatable)", collect, [])
    .option("-l, --label <KEY=VALUE>", "set metadata on a container (repeatable)", collect, [])
    .option("-m, --memory <bytes>", "memory limit (e.g. 512m)")
    .option("--memory-swap <bytes>", "swap limit equal to memory plus swap: -1 for unlimited swap")
    .option("--cpus <number>", "number of CPUs")
    .option("-c, --cpu-shares <int>", "CPU shares (relative weight)")
    .option("--pids-limit <int>", "tune container pids limit (-1 for unlimited)")
    .option("--restart <policy>", "restart policy: no, always, unless-stopped, on-failure[:max]")
    .option("--health-cmd <command>", "command to run to check health")
    .option("--health-interval <duration>", "time between running the check (ms|s|m|h)")
    .option("--health-timeout <duration>", "maximum time to allow one check to run (ms|s|m|h)")
    .option("--health-retries <int>", "consecutive failures needed to report unhealthy")
    .option("--health-start-period <duration>", "start period for the container to initialize (ms|s|m|h)")
    .option("--health-start-interval <duration>", "time between checks during the start period (ms|s|m|h)")
    .option("--no-healthcheck", "disable any container-specified HEALTHCHECK")
    .option("--stop-signal <signal>", "signal to stop the container")
    .option("--stop-timeout <seconds>", "timeout (in seconds) to stop a container")
    .option("--cap-add <cap>", "add Linux capabilities (repeatable)", collect, [])
    .option("--cap-drop <cap>", "drop Linux capabilities (repeatable)", collect, [])
    .option("--privileged", "give extended privileges to this container")
    .option("--security-opt <opt>", "security options (repeatable)", collect, [])
    .option("--ulimit <name=soft[:hard]>", "ulimit options (repeatable)", collect, [])
    .option("--sysctl <KEY=VALUE>", "sysctl options (repeatable)", collect, [])
    .option("--shm-size <bytes>", "size of /dev/shm (e.g. 64m)")
    .helpOption("--help", "display help for command")
    .option("-h, --hostname <name>", "container host name")
    .option("--domainname <name>", "container NIS domain name")
    .option(
      "--network <network>",
      "connect to a network: NAME, host, none, container:X (repeatable)",
      collect,
      [],
    )
    .option("--network-alias <alias>", "add a network-scoped alias (repeatable)", collect, [])
    .option("--ip <address>", "IPv4 address on the (first) network (e.g. 172.30.100.104)")
    .option("--mac-address <mac>", "container MAC address on the (first) network (e.g. 92:d0:c6:0a:29:33)")
    .option(
      "-p, --publish <[ip:][host:]port[/proto]>",
      "publish a container's port(s) to the host (repeatable)",
      collect,
      [],
    )
    .option("-P, --publish-all", "publish all exposed ports to random ports")
    .option("--expose <port[/proto]>", "expose a port or a range of ports (repeatable)", collect, [])
    .option("--dns <ip>", "set custom DNS servers (repeatable)", collect, [])
    .option("--dns-search <domain>", "set custom DNS search domains (repeatable)", collect, [])
    .option("--dns-option <option>", "set DNS options (repeatable)", collect, [])
    .option(
      "--add-host <host:ip>",
      "add a custom host-to-IP mapping (host:ip; ip may be host-gateway) (repeatable)",
      collect,
      [],
    )
    .option("--link <name[:alias]>", "add link to another container (repeatable)", collect, []);
}
