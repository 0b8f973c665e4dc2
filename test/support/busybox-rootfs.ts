import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** /etc/passwd of the test rootfs: root, nobody and `app` (uid 1000). */
export const BUSYBOX_PASSWD =
  "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\napp:x:1000:1000:app:/home/app:/bin/sh\n";

/** /etc/group of the test rootfs. */
export const BUSYBOX_GROUP = "root:x:0:\nnobody:x:65534:\napp:x:1000:\n";

/** Builds a minimal root filesystem in `dir` (made if absent) from the host's static busybox; returns `dir`. */
export function buildBusyboxRootfs(dir: string, busybox = "/bin/busybox"): string {
  for (const sub of ["bin", "etc", "proc", "sys", "dev", "root", "home/app", "var", "run", "usr/bin"]) {
    mkdirSync(join(dir, sub), { recursive: true });
  }
  mkdirSync(join(dir, "tmp"), { recursive: true });
  chmodSync(join(dir, "tmp"), 0o1777);
  copyFileSync(busybox, join(dir, "bin/busybox"));
  chmodSync(join(dir, "bin/busybox"), 0o755);
  const applets = execFileSync(busybox, ["--list"], { encoding: "utf8" }).split("\n").filter(Boolean);
  for (const applet of applets) {
    if (applet !== "busybox") symlinkSync("busybox", join(dir, "bin", applet));
  }
  writeFileSync(join(dir, "etc/passwd"), BUSYBOX_PASSWD);
  writeFileSync(join(dir, "etc/group"), BUSYBOX_GROUP);
  execFileSync("chown", ["1000:1000", join(dir, "home/app")]);
  return dir;
}
