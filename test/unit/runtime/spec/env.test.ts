import { describe, expect, it } from "vitest";
import { DEFAULT_PATH, mergeEnv } from "../../../../src/runtime/spec/env.js";

describe("mergeEnv", () => {
  const cases: {
    name: string;
    image: string[];
    service: Record<string, string>;
    defaults?: Parameters<typeof mergeEnv>[2];
    want: string[];
  }[] = [
    { name: "nothing set gives the default PATH", image: [], service: {}, want: [`PATH=${DEFAULT_PATH}`] },
    {
      name: "hostname, tty and home defaults",
      image: [],
      service: {},
      defaults: { hostname: "web", tty: true, home: "/root" },
      want: [`PATH=${DEFAULT_PATH}`, "HOSTNAME=web", "TERM=xterm", "HOME=/root"],
    },
    {
      name: "image PATH replaces the default in place",
      image: ["PATH=/opt/bin:/bin", "LANG=C.UTF-8"],
      service: {},
      defaults: { hostname: "h" },
      want: ["PATH=/opt/bin:/bin", "HOSTNAME=h", "LANG=C.UTF-8"],
    },
    {
      name: "service wins over image, new keys appended sorted",
      image: ["A=1", "B=2"],
      service: { Z: "26", B: "two", M: "" },
      want: [`PATH=${DEFAULT_PATH}`, "A=1", "B=two", "M=", "Z=26"],
    },
    {
      name: "values keep '=' and image entries without '=' are dropped",
      image: ["URL=a=b", "BARE", "=nokey"],
      service: {},
      want: [`PATH=${DEFAULT_PATH}`, "URL=a=b"],
    },
    {
      name: "image or service HOME beats passwd home; service HOSTNAME beats the default",
      image: ["HOME=/data"],
      service: { HOSTNAME: "custom" },
      defaults: { hostname: "web", home: "/root" },
      want: [`PATH=${DEFAULT_PATH}`, "HOSTNAME=custom", "HOME=/data"],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(mergeEnv(c.image, c.service, c.defaults)).toEqual(c.want);
    });
  }
});
