import { request } from "node:http";

/** One API answer. */
export interface ApiAnswer {
  status: number;
  body: Buffer;
  text: string;
  /** The JSON body (undefined when it is not JSON). */
  json: unknown;
}

/** A tiny client of the engine's Docker-shaped API over its unix socket (node:http). */
export class Api {
  constructor(readonly socketPath: string) {}

  /** Sends one request; `body` objects go as JSON, Buffers as they are. */
  call(method: string, path: string, body?: unknown, timeoutMs = 120_000): Promise<ApiAnswer> {
    return new Promise((resolve, reject) => {
      const payload =
        body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
      const req = request(
        {
          socketPath: this.socketPath,
          method,
          path,
          timeout: timeoutMs,
          headers: payload
            ? {
                "Content-Type": Buffer.isBuffer(body) ? "application/x-tar" : "application/json",
                "Content-Length": payload.length,
              }
            : {},
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () => {
            const data = Buffer.concat(chunks);
            const text = data.toString("utf8");
            let json: unknown;
            try {
              json = JSON.parse(text);
            } catch {
              json = undefined;
            }
            resolve({ status: res.statusCode ?? 0, body: data, text, json });
          });
          res.on("error", reject);
        },
      );
      req.on("timeout", () => req.destroy(new Error(`${method} ${path} timed out`)));
      req.on("error", reject);
      req.end(payload);
    });
  }

  /** Calls and fails unless the status is one of `ok`; returns the JSON body. */
  async ok<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    ok = [200, 201, 204, 304],
  ): Promise<T> {
    const answer = await this.call(method, path, body);
    if (!ok.includes(answer.status)) throw new Error(`${method} ${path} → ${answer.status}: ${answer.text}`);
    return answer.json as T;
  }

  /** Creates (with a name) and returns the id. */
  async create(name: string, body: Record<string, unknown>): Promise<string> {
    const created = await this.ok<{ Id: string }>("POST", `/containers/create?name=${name}`, {
      Image: "busybox",
      ...body,
    });
    return created.Id;
  }

  /** Creates, starts, waits for the exit; returns the exit code and the stdout/stderr text. */
  async run(
    name: string,
    body: Record<string, unknown>,
  ): Promise<{ code: number; stdout: string; stderr: string }> {
    const id = await this.create(name, body);
    await this.ok("POST", `/containers/${id}/start`);
    const wait = await this.ok<{ StatusCode: number }>("POST", `/containers/${id}/wait`);
    const logs = await this.logs(id);
    return { code: wait.StatusCode, ...logs };
  }

  /** The container's logs, demultiplexed. */
  async logs(id: string, query = "stdout=1&stderr=1"): Promise<{ stdout: string; stderr: string }> {
    const answer = await this.call("GET", `/containers/${id}/logs?${query}`);
    if (answer.status !== 200) throw new Error(`logs ${id} → ${answer.status}: ${answer.text}`);
    return demux(answer.body);
  }

  /** GET /containers/{id}/json. */
  inspect(id: string): Promise<InspectLike> {
    return this.ok<InspectLike>("GET", `/containers/${id}/json`);
  }
}

/** The parts of an inspect the tests read. */
export interface InspectLike {
  Id: string;
  RestartCount: number;
  State: {
    Status: string;
    ExitCode: number;
    Pid: number;
    OOMKilled: boolean;
    Running: boolean;
    Health?: { Status: string; FailingStreak: number; Log: { ExitCode: number; Output: string }[] };
  };
}

/** Splits Docker's multiplexed stream (8-byte headers: stream, 0, 0, 0, big-endian size). */
export function demux(data: Buffer): { stdout: string; stderr: string } {
  let stdout = "";
  let stderr = "";
  let offset = 0;
  while (offset + 8 <= data.length) {
    const stream = data[offset];
    const size = data.readUInt32BE(offset + 4);
    const payload = data.subarray(offset + 8, offset + 8 + size).toString("utf8");
    if (stream === 2) stderr += payload;
    else stdout += payload;
    offset += 8 + size;
  }
  return { stdout, stderr };
}
