/** Log levels, least verbose last. */
export type LogLevel = "debug" | "info" | "warn" | "error";

const order: readonly LogLevel[] = ["debug", "info", "warn", "error"];

/** The engine's own log (one line per message). */
export interface EngineLog {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** A log that writes `time level message` lines at or above `level` through `write`. */
export function lineLog(options: {
  level: LogLevel;
  write: (line: string) => void;
  now: () => number;
}): EngineLog {
  const min = order.indexOf(options.level);
  const at = (level: LogLevel) => (message: string) => {
    if (order.indexOf(level) < min) return;
    options.write(`${new Date(options.now()).toISOString()} ${level} ${message}\n`);
  };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

/** A log that drops everything. */
export const silentLog: EngineLog = { debug() {}, info() {}, warn() {}, error() {} };

/** Whether `text` names a log level. */
export function isLogLevel(text: string): text is LogLevel {
  return (order as readonly string[]).includes(text);
}
