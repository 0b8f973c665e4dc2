import { request } from "node:http";

/** GETs `path` on the engine's unix socket; resolves with the status and body, or undefined when nothing answers. */
export function engineGet(
  socketPath: string,
  path: string,
  timeoutMs = 2000,
): Promise<{ status: number; body: string } | undefined> {
  return new Promise((resolve) => {
    const req = request({ socketPath, path, method: "GET", timeout: timeoutMs }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        body += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      res.on("error", () => resolve(undefined));
    });
    req.on("timeout", () => {
      req.destroy();
      resolve(undefined);
    });
    req.on("error", () => resolve(undefined));
    req.end();
  });
}

/** True when the engine answers `GET /_ping` with 200 OK. */
export async function pingEngine(socketPath: string, timeoutMs = 2000): Promise<boolean> {
  const answer = await engineGet(socketPath, "/_ping", timeoutMs);
  return answer?.status === 200;
}
