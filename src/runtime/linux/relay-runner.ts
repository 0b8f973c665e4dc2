import { randomBytes } from "node:crypto";
import { mkdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Clock, CommandResult, CommandRunner, RunOptions } from "../../shared/ports.js";
import type { StreamingRunner } from "../../shared/spawn-ports.js";

// Forking is proportional to the parent's memory: measured here, one spawn from a 257 MB Node process
// blocks its event loop for 19 ms (1.2 ms from a 47 MB one) while a small shell forks in about 1 ms.
// The engine runs runc and mount/umount several times per container, so it hands those commands to
// one long-lived `sh` (started through the streaming port) that runs each in the background with its
// output in files and reports `@@berth <n> <status>` on its stdout. Commands with stdin, a cwd, an env
// or a signal still go to the plain runner. A command whose shell dies fails (it may have run: never
// run twice); the next command starts a new shell.

/** What a relay runner needs: the streaming port that starts the shell, a plain runner, a scratch dir. */
export interface RelayRunnerOptions {
  streamer: StreamingRunner;
  fallback: CommandRunner;
  clock: Clock;
  /** Where each command's stdout/stderr files live while it runs (made on demand). */
  dir: string;
  /** The shell stops after this long without a command (default 2000 ms). */
  idleMs?: number;
  shell?: string;
}

/** A command line for `sh`: every argument single-quoted. */
export function shellQuote(argv: readonly string[]): string {
  return argv.map((arg) => `'${arg.replace(/'/g, "'\\''")}'`).join(" ");
}

/** Parses the shell's status lines (`@@berth <n> <status>`); returns them and the unfinished rest. */
export function parseStatusLines(text: string): { done: [number, number][]; rest: string } {
  const lines = text.split("\n");
  const rest = lines.pop() ?? "";
  const done: [number, number][] = [];
  for (const line of lines) {
    const match = /^@@berth (\d+) (\d+)$/.exec(line.trim());
    if (match) done.push([Number(match[1]), Number(match[2])]);
  }
  return { done, rest };
}

interface Waiter {
  resolve: (code: number) => void;
  reject: (error: Error) => void;
}

/** One running shell: its stdin queue and the commands it still owes an answer for. */
class Relay {
  readonly pending = new Map<number, Waiter>();
  private readonly lines: string[] = [];
  private wake: (() => void) | undefined;
  private ended = false;
  private stdout = "";
  readonly closed: Promise<void>;

  constructor(streamer: StreamingRunner, shell: string) {
    const input = this.input();
    this.closed = streamer.stream([shell], { stdin: input, onStdout: (chunk) => this.onStdout(chunk) }).then(
      () => this.fail(new Error("the relay shell exited")),
      (error: unknown) => this.fail(error instanceof Error ? error : new Error(String(error))),
    );
  }

  send(id: number, line: string): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.lines.push(line);
      this.wake?.();
    });
  }

  end(): void {
    this.ended = true;
    this.wake?.();
  }

  private async *input(): AsyncGenerator<Uint8Array> {
    for (;;) {
      const line = this.lines.shift();
      if (line !== undefined) {
        yield Buffer.from(line);
        continue;
      }
      if (this.ended) return;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
      this.wake = undefined;
    }
  }

  private onStdout(chunk: string): void {
    const { done, rest } = parseStatusLines(this.stdout + chunk);
    this.stdout = rest;
    for (const [id, code] of done) {
      this.pending.get(id)?.resolve(code);
      this.pending.delete(id);
    }
  }

  private fail(error: Error): void {
    this.ended = true;
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
  }
}

/** A `CommandRunner` that runs plain commands through one long-lived shell (see the note above). */
export function relayRunner(options: RelayRunnerOptions): CommandRunner {
  const idleMs = options.idleMs ?? 2000;
  const prefix = randomBytes(4).toString("hex");
  let relay: Relay | undefined;
  let counter = 0;
  let lastUse = 0;
  let idleCheck = false;

  const scheduleIdleStop = () => {
    if (idleCheck) return;
    idleCheck = true;
    void (async () => {
      for (;;) {
        await options.clock.sleep(Math.max(1, lastUse + idleMs - options.clock.now()));
        if (!relay) break;
        if (relay.pending.size === 0 && options.clock.now() - lastUse >= idleMs) {
          relay.end();
          relay = undefined;
          break;
        }
      }
      idleCheck = false;
    })().catch(() => {
      idleCheck = false;
    });
  };

  const ensureRelay = async (): Promise<Relay> => {
    if (!relay) {
      await mkdir(options.dir, { recursive: true, mode: 0o700 });
      relay ??= new Relay(options.streamer, options.shell ?? "/bin/sh");
      const started = relay;
      void started.closed.then(() => {
        if (relay === started) relay = undefined;
      });
    }
    return relay;
  };

  const viaShell = async (shell: Relay, argv: readonly string[]): Promise<CommandResult> => {
    const id = ++counter;
    const out = join(options.dir, `${prefix}-${id}.out`);
    const err = join(options.dir, `${prefix}-${id}.err`);
    const files = `>${shellQuote([out])} 2>${shellQuote([err])} </dev/null`;
    const line = `{ ${shellQuote(argv)} ${files}; echo "@@berth ${id} $?"; } &\n`;
    lastUse = options.clock.now();
    try {
      const exitCode = await shell.send(id, line);
      const [stdout, stderr] = await Promise.all([readFile(out, "utf8"), readFile(err, "utf8")]);
      return { exitCode, stdout, stderr };
    } finally {
      lastUse = options.clock.now();
      scheduleIdleStop();
      await Promise.all([rm(out, { force: true }), rm(err, { force: true })]);
    }
  };

  return {
    async run(argv: readonly string[], runOptions: RunOptions = {}): Promise<CommandResult> {
      const plain =
        runOptions.input === undefined &&
        runOptions.cwd === undefined &&
        runOptions.env === undefined &&
        runOptions.signal === undefined;
      if (!plain || argv.length === 0) return options.fallback.run(argv, runOptions);
      let shell: Relay;
      try {
        shell = await ensureRelay();
      } catch {
        return options.fallback.run(argv, runOptions); // no scratch dir: run it the plain way
      }
      return viaShell(shell, argv);
    },
  };
}
