import { randomBytes } from "node:crypto";
import { mkdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { StringDecoder } from "node:string_decoder";
import type { Clock, CommandResult, CommandRunner, RunOptions } from "../../shared/ports.js";
import type { StreamingRunner } from "../../shared/spawn-ports.js";

// Forking is proportional to the parent's memory: measured here, one spawn from a 257 MB Node process
// blocks its event loop for 19 ms (1.2 ms from a 47 MB one) while a small shell forks in about 1 ms.
// The engine runs runc and mount/umount several times per container, so it hands those commands to
// one long-lived `sh` (started through the streaming port, with a clean environment) that runs each in
// the background and reports `@@berth <n> <status> [o] [e]` on its stdout, `o`/`e` when the command
// wrote to stdout/stderr. Output goes to files of per-shell slots reused from command to command (the
// redirection truncates them), so a quiet command costs Node no file operation at all. Commands with
// stdin, a cwd, an env or a signal still go to the plain runner. A command whose shell dies fails (it
// may have run: never run twice); the next command starts a new shell.

/** What a relay runner needs: the streaming port that starts the shell, a plain runner, a scratch dir. */
export interface RelayRunnerOptions {
  streamer: StreamingRunner;
  fallback: CommandRunner;
  clock: Clock;
  /** Where commands' stdout/stderr files live while the shell runs (made on demand). */
  dir: string;
  /** The shell stops after this long without a command (default 2000 ms). */
  idleMs?: number;
  shell?: string;
  /** The shell's (and so every command's) PATH; nothing else of the engine's environment is passed on. */
  path?: string;
}

/** How to run a command whose fd 3 is a pipe it answers on (conmon's sync pipe). */
export interface FirstLineOptions {
  /** `NAME=value` pairs added to the command's environment. */
  env: readonly string[];
  /** stdout and stderr are appended here. */
  outputFile: string;
  /** The command's working directory (the relay shell's own does not change). */
  cwd?: string;
  signal?: AbortSignal;
}

/** The relay's `CommandRunner`, plus commands that answer on a pipe. */
export interface RelayRunner extends CommandRunner {
  /**
   * Starts `argv` in the background with fd 3 a pipe and resolves with the first line it writes there,
   * or "" when every writer closed the pipe without a line. Needs the shell (rejects without one).
   * The reader is gone after that line: a later write to fd 3 meets a closed pipe (EPIPE, or SIGPIPE
   * unless ignored). conmon writes its sync answer once, which is all this is for.
   */
  firstLine(argv: readonly string[], options: FirstLineOptions): Promise<string>;
}

/** A command line for `sh`: every argument single-quoted. */
export function shellQuote(argv: readonly string[]): string {
  return argv.map((arg) => `'${arg.replace(/'/g, "'\\''")}'`).join(" ");
}

/** One finished command: its id, exit status, and whether it wrote stdout / stderr. */
export interface StatusLine {
  id: number;
  code: number;
  stdout: boolean;
  stderr: boolean;
}

/** One answer of a `firstLine` command: its id and the line. */
export interface AnswerLine {
  id: number;
  text: string;
}

/** Parses the shell's report lines (`@@berth <n> <status> [o] [e]`, `@@line <n> <text>`) and the unfinished rest. */
export function parseStatusLines(text: string): { done: StatusLine[]; answers: AnswerLine[]; rest: string } {
  const lines = text.split("\n");
  const rest = lines.pop() ?? "";
  const done: StatusLine[] = [];
  const answers: AnswerLine[] = [];
  for (const line of lines) {
    const status = /^@@berth (\d+) (\d+)( o)?( e)?$/.exec(line.trim());
    if (status) {
      done.push({ id: Number(status[1]), code: Number(status[2]), stdout: !!status[3], stderr: !!status[4] });
      continue;
    }
    const answer = /^@@line (\d+) ?(.*)$/.exec(line);
    if (answer) answers.push({ id: Number(answer[1]), text: answer[2] ?? "" });
  }
  return { done, answers, rest };
}

/** `NAME='value'` assignments for a command's environment. */
export function envAssignments(env: readonly string[]): string {
  return env
    .map((pair) => {
      const at = pair.indexOf("=");
      const name = pair.slice(0, at);
      if (at <= 0 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`invalid env entry "${pair}"`);
      return `${name}=${shellQuote([pair.slice(at + 1)])}`;
    })
    .join(" ");
}

interface Waiter {
  resolve: (status: StatusLine) => void;
  reject: (error: Error) => void;
}

interface LineWaiter {
  resolve: (text: string) => void;
  reject: (error: Error) => void;
}

/** One running shell: its stdin queue, its output slots and the commands it still owes an answer for. */
class Relay {
  readonly pending = new Map<number, Waiter>();
  readonly lineWaiters = new Map<number, LineWaiter>();
  private readonly lines: string[] = [];
  private readonly freeSlots: number[] = [];
  private slots = 0;
  private wake: (() => void) | undefined;
  private ended = false;
  private stdout = "";
  readonly closed: Promise<void>;

  constructor(
    streamer: StreamingRunner,
    argv: readonly string[],
    private readonly slotPrefix: string,
  ) {
    const input = this.input();
    const decoder = new StringDecoder("utf8");
    this.closed = streamer
      .stream(argv, { stdin: input, onStdout: (chunk) => this.onStdout(decoder.write(chunk)) })
      .then(
        () => this.fail(new Error("the relay shell exited")),
        (error: unknown) => this.fail(error instanceof Error ? error : new Error(String(error))),
      );
  }

  /** Commands that still owe an answer. */
  get busy(): number {
    return this.pending.size + this.lineWaiters.size;
  }

  /** The stdout and stderr files of a free slot (made by the shell's redirection). */
  takeSlot(): { slot: number; out: string; err: string } {
    const slot = this.freeSlots.pop() ?? ++this.slots;
    return { slot, out: `${this.slotPrefix}-${slot}.out`, err: `${this.slotPrefix}-${slot}.err` };
  }

  releaseSlot(slot: number): void {
    this.freeSlots.push(slot);
  }

  /** Removes every slot file this shell used (once nothing runs any more). */
  async removeSlots(): Promise<void> {
    const files = Array.from({ length: this.slots }, (_, i) => [
      `${this.slotPrefix}-${i + 1}.out`,
      `${this.slotPrefix}-${i + 1}.err`,
    ]).flat();
    await Promise.all(files.map((file) => rm(file, { force: true })));
  }

  send(id: number, line: string): Promise<StatusLine> {
    return new Promise<StatusLine>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.push(line);
    });
  }

  sendForLine(id: number, line: string): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      this.lineWaiters.set(id, { resolve, reject });
      this.push(line);
    });
  }

  /** Stops waiting for the answer of `id` (its command may still run). */
  forget(id: number, error: Error): void {
    this.lineWaiters.get(id)?.reject(error);
    this.lineWaiters.delete(id);
  }

  end(): void {
    this.ended = true;
    this.wake?.();
  }

  private push(line: string): void {
    if (this.ended) throw new Error("the relay shell has ended");
    this.lines.push(line);
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
    const { done, answers, rest } = parseStatusLines(this.stdout + chunk);
    this.stdout = rest;
    for (const status of done) {
      this.pending.get(status.id)?.resolve(status);
      this.pending.delete(status.id);
    }
    for (const answer of answers) {
      this.lineWaiters.get(answer.id)?.resolve(answer.text);
      this.lineWaiters.delete(answer.id);
    }
  }

  private fail(error: Error): void {
    this.ended = true;
    for (const waiter of [...this.pending.values(), ...this.lineWaiters.values()]) waiter.reject(error);
    this.pending.clear();
    this.lineWaiters.clear();
  }
}

const DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/** A `RelayRunner`: plain commands through one long-lived shell (see the note above). */
export function relayRunner(options: RelayRunnerOptions): RelayRunner {
  const idleMs = options.idleMs ?? 2000;
  const prefix = randomBytes(4).toString("hex");
  const shellArgv = ["env", "-i", `PATH=${options.path ?? DEFAULT_PATH}`, options.shell ?? "/bin/sh"];
  let relay: Relay | undefined;
  let generation = 0;
  let counter = 0;
  let lastUse = 0;
  let idleCheck = false;

  const retire = (shell: Relay) => {
    if (relay === shell) relay = undefined;
    shell.end();
    void shell.closed.then(() => shell.removeSlots()).catch(() => undefined);
  };

  const scheduleIdleStop = () => {
    if (idleCheck) return;
    idleCheck = true;
    void (async () => {
      for (;;) {
        await options.clock.sleep(Math.max(1, lastUse + idleMs - options.clock.now()));
        if (!relay) break;
        if (relay.busy === 0 && options.clock.now() - lastUse >= idleMs) {
          retire(relay);
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
      if (!relay) {
        const started = new Relay(
          options.streamer,
          shellArgv,
          join(options.dir, `${prefix}-${++generation}`),
        );
        relay = started;
        void started.closed.then(() => retire(started));
      }
    }
    return relay;
  };

  const used = () => {
    lastUse = options.clock.now();
    scheduleIdleStop();
  };

  const viaShell = async (shell: Relay, argv: readonly string[]): Promise<CommandResult> => {
    const id = ++counter;
    const { slot, out, err } = shell.takeSlot();
    const [qOut, qErr] = [shellQuote([out]), shellQuote([err])];
    const report = `s=$?; [ -s ${qOut} ] && s="$s o"; [ -s ${qErr} ] && s="$s e"; echo "@@berth ${id} $s"`;
    const line = `{ ${shellQuote(argv)} >${qOut} 2>${qErr} </dev/null; ${report}; } &\n`;
    lastUse = options.clock.now();
    let status: StatusLine;
    try {
      status = await shell.send(id, line);
    } catch (error: unknown) {
      used();
      throw error; // the slot is not given back: the command may still write to it
    }
    try {
      const read = (wrote: boolean, path: string) => (wrote ? readFile(path, "utf8") : Promise.resolve(""));
      const [stdout, stderr] = await Promise.all([read(status.stdout, out), read(status.stderr, err)]);
      return { exitCode: status.code, stdout, stderr };
    } finally {
      shell.releaseSlot(slot);
      used();
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

    async firstLine(argv: readonly string[], lineOptions: FirstLineOptions): Promise<string> {
      if (argv.length === 0) throw new Error("relay: empty argv");
      const env = envAssignments(lineOptions.env);
      lineOptions.signal?.throwIfAborted();
      const shell = await ensureRelay();
      lineOptions.signal?.throwIfAborted();
      const id = ++counter;
      // A pipeline in the background: the command's fd 3 is the pipe, `read` takes its first line (or
      // what came before EOF) and the shell's builtin printf reports it; no file, no watch, no poll.
      // With a cwd, the `cd` runs in the pipeline's own subshell, which then becomes the command (`exec`:
      // no extra fork); a failure to change lands in the output file. dash's cd sets PWD and OLDPWD,
      // which the command is not to see.
      const run = `${env} ${shellQuote(argv)}`;
      const group =
        lineOptions.cwd === undefined
          ? run
          : `{ cd ${shellQuote([lineOptions.cwd])} && unset OLDPWD PWD && ${env} exec ${shellQuote(argv)}; }`;
      const command = `${group} 3>&1 >>${shellQuote([lineOptions.outputFile])} 2>&1 </dev/null`;
      const line = `${command} | { read -r l; printf '@@line ${id} %s\\n' "$l"; } &\n`;
      const { signal } = lineOptions;
      const onAbort = () => shell.forget(id, signal?.reason ?? new Error("aborted"));
      signal?.addEventListener("abort", onAbort, { once: true });
      lastUse = options.clock.now();
      try {
        return await shell.sendForLine(id, line);
      } finally {
        signal?.removeEventListener("abort", onAbort);
        used();
      }
    },
  };
}
