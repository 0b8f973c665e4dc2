// conmon's k8s-file log format: `<RFC3339Nano time> <stdout|stderr> <P|F> <content>` per line. A line
// the container wrote in several pieces (or longer than conmon's buffer) is split into `P` records
// ended by one `F` record; this module joins them back. Pure.

/** Which output of the container a line came from. */
export type LogStream = "stdout" | "stderr";

/** One record as conmon wrote it. */
export interface K8sRecord {
  time: string;
  stream: LogStream;
  /** `P` for a piece of a longer line, `F` for the last (or only) piece. */
  tag: "P" | "F";
  content: string;
}

/** One line of container output. `partial` marks a line that did not end (yet) or was cut at the cap. */
export interface LogEntry {
  stream: LogStream;
  /** Time of the line's first piece, RFC3339 with nanoseconds as conmon writes it. */
  time: string;
  line: string;
  partial: boolean;
}

const recordPattern = /^(\S+) (stdout|stderr) ([PF])(?: (.*))?$/s;

/** Parses one log record (without its newline); undefined for anything else. */
export function parseK8sRecord(text: string): K8sRecord | undefined {
  const match = recordPattern.exec(text);
  if (!match) return undefined;
  return {
    time: match[1]!,
    stream: match[2] as LogStream,
    tag: match[3] as "P" | "F",
    content: match[4] ?? "",
  };
}

/** Nanoseconds since the epoch of a log time; undefined if unparsable. */
export function logTimeNs(time: string): bigint | undefined {
  const fraction = (/\.(\d+)/.exec(time)?.[1] ?? "").slice(0, 9).padEnd(9, "0");
  const whole = Date.parse(time.replace(/\.\d+/, ""));
  if (Number.isNaN(whole)) return undefined;
  return BigInt(whole) * 1_000_000n + BigInt(fraction);
}

/** Nanoseconds of a millisecond time (fractions kept to the nanosecond). */
export function msToNs(ms: number): bigint {
  const whole = Math.floor(ms);
  return BigInt(whole) * 1_000_000n + BigInt(Math.round((ms - whole) * 1e6));
}

/** Joins `P` pieces per stream into whole lines; cuts a line at `maxLineLength` characters as partial. */
export class LineAssembler {
  private readonly pending = new Map<LogStream, { time: string; text: string }>();
  private readonly maxLineLength: number;

  constructor(options: { maxLineLength?: number } = {}) {
    this.maxLineLength = options.maxLineLength ?? 1024 * 1024;
  }

  /** Feeds one record; returns the lines it completes. */
  push(record: K8sRecord): LogEntry[] {
    const open = this.pending.get(record.stream);
    const time = open?.time ?? record.time;
    const text = (open?.text ?? "") + record.content;
    const out: LogEntry[] = [];
    if (record.tag === "F") {
      this.pending.delete(record.stream);
      out.push({ stream: record.stream, time, line: text, partial: false });
    } else if (text.length >= this.maxLineLength) {
      this.pending.delete(record.stream);
      out.push({ stream: record.stream, time, line: text, partial: true });
    } else {
      this.pending.set(record.stream, { time, text });
    }
    return out;
  }

  /** Lines still open (the output ended without a newline), stdout first. */
  flush(): LogEntry[] {
    const out: LogEntry[] = [];
    for (const stream of ["stdout", "stderr"] as const) {
      const open = this.pending.get(stream);
      if (open) out.push({ stream, time: open.time, line: open.text, partial: true });
    }
    this.pending.clear();
    return out;
  }
}

/** Splits a byte buffer into complete lines (without `\n`) and the unfinished rest. */
export function splitLines(buffer: Buffer): { lines: string[]; rest: Buffer } {
  const lines: string[] = [];
  let start = 0;
  for (let nl = buffer.indexOf(10, start); nl !== -1; nl = buffer.indexOf(10, start)) {
    lines.push(buffer.subarray(start, nl).toString("utf8"));
    start = nl + 1;
  }
  return { lines, rest: buffer.subarray(start) };
}

/** Every entry of a whole log text, in order; open lines at the end come out partial. */
export function parseK8sLog(text: string, options: { maxLineLength?: number } = {}): LogEntry[] {
  const assembler = new LineAssembler(options);
  const out: LogEntry[] = [];
  for (const line of text.split("\n")) {
    const record = parseK8sRecord(line);
    if (record) out.push(...assembler.push(record));
  }
  return [...out, ...assembler.flush()];
}
