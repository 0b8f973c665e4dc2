/** Resolves at the first SIGTERM or SIGINT this process receives (then stops listening). */
export function nextTermination(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off("SIGTERM", on);
      process.off("SIGINT", on);
      resolve(signal);
    };
    process.on("SIGTERM", on);
    process.on("SIGINT", on);
  });
}

/** Makes sure this process ends soon after `ms` even if some handle would keep it alive. */
export function exitSoon(code: number, ms = 2000): void {
  setTimeout(() => process.exit(code), ms).unref();
}
