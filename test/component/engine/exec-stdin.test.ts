import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type EngineFixture, engineFixture } from "./engine-harness.js";

async function* bytes(...parts: string[]): AsyncGenerator<Buffer> {
  for (const part of parts) yield Buffer.from(part);
}

describe("engine exec stdin on the fake runtime (its exec echoes stdin like cat)", () => {
  let f: EngineFixture;
  let id: string;
  beforeEach(async () => {
    f = await engineFixture({ exec: { code: 3 } });
    id = await f.create({}, "web");
    await f.engine.startContainer(id);
  });
  afterEach(async () => {
    await f.dispose();
  });

  async function run(attachStdin: boolean, detach = false): Promise<{ out: string; read: boolean }> {
    const { Id } = await f.engine.createExec(id, { Cmd: ["cat"], AttachStdin: attachStdin });
    let read = false;
    async function* stdin(): AsyncGenerator<Buffer> {
      read = true;
      yield* bytes("piped\n", "more\n");
    }
    const stream = await f.engine.startExec(Id, {
      options: { Detach: detach },
      stdin: stdin(),
      signal: new AbortController().signal,
    });
    let out = "";
    for await (const chunk of stream.output) out += `${chunk.stream}:${chunk.data.toString()}`;
    await f.until(async () => (await f.engine.inspectExec(Id)).ExitCode !== null, "exec exit");
    expect((await f.engine.inspectExec(Id)).ExitCode).toBe(3);
    return { out, read };
  }

  it("feeds the client's bytes to the process when the exec attaches stdin, keeping the exit code", async () => {
    expect(await run(true)).toEqual({ out: "stdout:piped\nstdout:more\n", read: true });
  });

  it("never reads stdin when the exec was created without AttachStdin (as Docker)", async () => {
    expect(await run(false)).toEqual({ out: "", read: false });
  });

  it("never reads stdin for a detached start", async () => {
    expect(await run(true, true)).toEqual({ out: "", read: false });
  });
});
