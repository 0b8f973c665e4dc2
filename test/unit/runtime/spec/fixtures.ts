import type { ContainerSpec } from "../../../../src/runtime/spec/container-spec.js";
import type { OciHostFacts } from "../../../../src/runtime/spec/to-oci-spec.js";

// Shared inputs of the toOciSpec tests.

export const host: OciHostFacts = { rlimitNofileHard: 20000, cgroupParent: "/berth-test" };
export const files = {
  passwd: "root:x:0:0:root:/root:/bin/sh\nwww:x:33:33:www:/var/www:/bin/sh\n",
  group: "root:x:0:\nwww:x:33:\nusers:x:100:www\n",
};
export const id = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
export const base: ContainerSpec = {
  id,
  name: "shop-web-1",
  rootfs: `/var/lib/berth/containers/${id}/rootfs`,
  image: {
    entrypoint: ["/docker-entrypoint.sh"],
    cmd: ["nginx", "-g", "daemon off;"],
    env: ["NGINX_VERSION=1.25"],
    workingDir: "/srv",
  },
  hostname: "web",
  network: { mode: "netns", path: "/var/run/netns/berth-test-0123456789ab" },
};
