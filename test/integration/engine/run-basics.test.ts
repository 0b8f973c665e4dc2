import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { busyboxTar, type EngineEnv, engineEnv } from "./harness.js";

describe("engine on runc + conmon: what a container runs and sees", () => {
  let env: EngineEnv;
  beforeAll(async () => {
    env = await engineEnv();
    const tar = await busyboxTar(env.location.root);
    const images: [string, string[]][] = [
      ["entry-cmd", ['ENTRYPOINT ["echo","e"]', 'CMD ["c1"]']],
      ["cmd-only", ['CMD ["echo","c"]']],
      ["shell-entry", ["ENTRYPOINT echo shell-entry", 'CMD ["ignored"]']],
      ["entry-shellcmd", ['ENTRYPOINT ["echo","e"]', "CMD p1 p2"]],
      ["nothing", []],
    ];
    for (const [name, changes] of images) {
      const query = new URLSearchParams({ fromSrc: "-", repo: name, tag: "latest" });
      for (const change of changes) query.append("changes", change);
      await env.api.ok("POST", `/images/create?${query}`, tar);
    }
  }, 180_000);
  afterAll(async () => {
    await env?.finish();
  }, 180_000);

  // Docker's table "how CMD and ENTRYPOINT interact", plus the overrides of docker run.
  it.each([
    ["exec entrypoint + exec cmd", "entry-cmd", {}, "e c1"],
    ["cmd replaced at create", "entry-cmd", { Cmd: ["x"] }, "e x"],
    ["entrypoint replaced at create clears the image cmd", "entry-cmd", { Entrypoint: ["echo", "n"] }, "n"],
    ["cmd only", "cmd-only", {}, "c"],
    ["cmd only, replaced", "cmd-only", { Cmd: ["echo", "x"] }, "x"],
    ["shell-form entrypoint ignores cmd", "shell-entry", {}, "shell-entry"],
    ["exec entrypoint + shell-form cmd", "entry-shellcmd", {}, "e /bin/sh -c p1 p2"],
    [
      "empty entrypoint at create runs the cmd alone",
      "entry-cmd",
      { Entrypoint: [], Cmd: ["echo", "y"] },
      "y",
    ],
  ])("%s", async (label, image, body, expected) => {
    const name = label.replace(/[^a-z0-9]+/g, "-");
    const result = await env.api.run(name, { Image: image, ...body });
    expect(result).toEqual({ code: 0, stdout: `${expected}\n`, stderr: "" });
  });

  it("refuses a container with neither entrypoint nor cmd (400)", async () => {
    const answer = await env.api.call("POST", "/containers/create?name=nocmd", { Image: "nothing" });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ message: expect.stringContaining("No command specified") });
  });

  it("runs as the user, in the working dir, with image then container env", async () => {
    const result = await env.api.run("who", {
      User: "app",
      WorkingDir: "/tmp",
      Env: ["FOO=bar"],
      Cmd: ["sh", "-c", 'id -u; id -g; pwd; echo "$FOO" "$PATH"'],
    });
    expect(result.stdout).toBe(
      "1000\n1000\n/tmp\nbar /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n",
    );
  });

  it("read-only rootfs refuses writes; tmpfs is writable with its mode", async () => {
    const result = await env.api.run("ro", {
      Cmd: [
        "sh",
        "-c",
        "touch /x 2>/dev/null && echo wrote; echo ok > /scratch/f && cat /scratch/f; stat -c %a /scratch",
      ],
      HostConfig: { ReadonlyRootfs: true, Tmpfs: { "/scratch": "size=1m,mode=1777" } },
    });
    expect(result.stdout).toBe("ok\n1777\n");
  });

  it("bind mounts and named volumes (shared between containers, kept under the root)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "berth-bind-"));
    try {
      await env.api.run("writer", {
        Cmd: ["sh", "-c", "echo host > /host/f; echo vol > /data/f"],
        HostConfig: { Binds: [`${dir}:/host`, "v1:/data"] },
      });
      expect(readFileSync(join(dir, "f"), "utf8")).toBe("host\n");
      expect(readFileSync(join(env.location.root, "volumes", "v1", "_data", "f"), "utf8")).toBe("vol\n");
      const reader = await env.api.run("reader", {
        Cmd: ["sh", "-c", "cat /data/f; touch /ro/x 2>/dev/null || echo read-only"],
        HostConfig: { Binds: ["v1:/data", `${dir}:/ro:ro`] },
      });
      expect(reader.stdout).toBe("vol\nread-only\n");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a memory limit is in cgroupfs and enforced: OOM → 137 and OOMKilled", async () => {
    const limit = 32 * 1024 * 1024;
    const id = await env.api.create("mem", {
      Cmd: ["sh", "-c", "sleep 1; head -c 200m /dev/zero | tail"],
      HostConfig: { Memory: limit, MemorySwap: limit },
    });
    await env.api.ok("POST", `/containers/${id}/start`);
    const file = join("/sys/fs/cgroup/memory", `berth-${env.location.instance}`, id, "memory.limit_in_bytes");
    expect(readFileSync(file, "utf8").trim()).toBe(String(limit));
    const wait = await env.api.ok<{ StatusCode: number }>("POST", `/containers/${id}/wait`);
    expect(wait.StatusCode).toBe(137);
    expect((await env.api.inspect(id)).State).toMatchObject({ ExitCode: 137, OOMKilled: true });
  });
});
