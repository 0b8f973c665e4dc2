import { describe, expect, it } from "vitest";
import {
  parseGroup,
  parsePasswd,
  type ResolvedUser,
  resolveUser,
} from "../../../../src/runtime/spec/user.js";

const passwd = [
  "root:x:0:0:root:/root:/bin/sh",
  "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin",
  "# a comment",
  "app:x:1000:1000:App:/home/app:/bin/sh",
  "nohome:x:1001:1001::::",
  "broken:x:notanumber:1:::",
  "",
].join("\n");
const group = [
  "root:x:0:",
  "daemon:x:1:",
  "wheel:x:10:root,app",
  "app:x:1000:",
  "audio:x:29:app",
  "staff:x:50:daemon",
  "docker:x:999:",
].join("\n");
const files = { passwd, group };

const cases: { user: string | undefined; groupAdd?: string[]; want: ResolvedUser }[] = [
  { user: undefined, want: { uid: 0, gid: 0, additionalGids: [10], home: "/root" } },
  { user: "", want: { uid: 0, gid: 0, additionalGids: [10], home: "/root" } },
  { user: "root", want: { uid: 0, gid: 0, additionalGids: [10], home: "/root" } },
  { user: "app", want: { uid: 1000, gid: 1000, additionalGids: [10, 29], home: "/home/app" } },
  { user: "1000", want: { uid: 1000, gid: 1000, additionalGids: [10, 29], home: "/home/app" } },
  { user: "app:staff", want: { uid: 1000, gid: 50, additionalGids: [], home: "/home/app" } },
  { user: "app:50", want: { uid: 1000, gid: 50, additionalGids: [], home: "/home/app" } },
  { user: "app:4242", want: { uid: 1000, gid: 4242, additionalGids: [], home: "/home/app" } },
  { user: "daemon", want: { uid: 1, gid: 1, additionalGids: [50], home: "/usr/sbin" } },
  { user: "4242", want: { uid: 4242, gid: 0, additionalGids: [], home: "/" } },
  { user: "4242:4343", want: { uid: 4242, gid: 4343, additionalGids: [], home: "/" } },
  { user: "4242:docker", want: { uid: 4242, gid: 999, additionalGids: [], home: "/" } },
  { user: "nohome", want: { uid: 1001, gid: 1001, additionalGids: [], home: "/" } },
  {
    user: "app",
    groupAdd: ["docker", "7", "audio"],
    want: { uid: 1000, gid: 1000, additionalGids: [10, 29, 999, 7], home: "/home/app" },
  },
  {
    user: "app:staff",
    groupAdd: ["staff", "docker"],
    want: { uid: 1000, gid: 50, additionalGids: [999], home: "/home/app" },
  },
];

describe("resolveUser", () => {
  for (const c of cases) {
    it(`${JSON.stringify(c.user)}${c.groupAdd ? ` + group_add ${c.groupAdd.join(",")}` : ""}`, () => {
      expect(resolveUser(c.user, files, c.groupAdd)).toEqual(c.want);
    });
  }

  const errors: { user: string; groupAdd?: string[]; message: string }[] = [
    { user: "ghost", message: "unable to find user ghost: no matching entries in passwd file" },
    { user: "app:ghosts", message: "unable to find group ghosts: no matching entries in group file" },
    {
      user: "app",
      groupAdd: ["nogroup"],
      message: "unable to find group nogroup: no matching entries in group file",
    },
    { user: "a:b:c", message: 'invalid user "a:b:c": expected user[:group]' },
  ];
  for (const e of errors) {
    it(`rejects ${e.user}${e.groupAdd ? ` + ${e.groupAdd.join(",")}` : ""}`, () => {
      expect(() => resolveUser(e.user, files, e.groupAdd)).toThrow(e.message);
    });
  }

  it("works on an image without /etc/passwd and /etc/group for numeric users", () => {
    expect(resolveUser("65534:65534", { passwd: "", group: "" })).toEqual({
      uid: 65534,
      gid: 65534,
      additionalGids: [],
      home: "/",
    });
    expect(() => resolveUser("nobody", { passwd: "", group: "" })).toThrow(/unable to find user nobody/);
  });

  it("parses passwd and group, skipping comments and malformed lines", () => {
    expect(parsePasswd(passwd).map((p) => p.name)).toEqual(["root", "daemon", "app", "nohome"]);
    expect(parseGroup(group).find((g) => g.name === "wheel")).toEqual({
      name: "wheel",
      gid: 10,
      members: ["root", "app"],
    });
  });
});
