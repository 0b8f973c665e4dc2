import { describe, expect, it } from "vitest";
import { deleteTableScript, type FirewallState, renderRuleset } from "../../../../src/network/nft/ruleset.js";

const state: FirewallState = {
  networks: [
    { bridge: "berthbbbbbbbbbb", subnet: "10.213.1.0/24", gateway: "10.213.1.1", internal: true, dns: true },
    { bridge: "berthaaaaaaaaaa", subnet: "10.213.0.0/24", gateway: "10.213.0.1", internal: false, dns: true },
  ],
  forwards: [
    {
      protocol: "udp",
      hostPort: 5353,
      containerIp: "10.213.0.2",
      containerPort: 53,
      bridge: "berthaaaaaaaaaa",
    },
    {
      protocol: "tcp",
      hostIp: "127.0.0.1",
      hostPort: 8081,
      containerIp: "10.213.0.3",
      containerPort: 8080,
      bridge: "berthaaaaaaaaaa",
    },
    {
      protocol: "tcp",
      hostIp: "0.0.0.0",
      hostPort: 8080,
      containerIp: "10.213.0.2",
      containerPort: 80,
      bridge: "berthaaaaaaaaaa",
    },
  ],
};

const golden = `table ip berth_dev {}
delete table ip berth_dev
table ip berth_dev {
  chain prerouting {
    type nat hook prerouting priority dstnat; policy accept;
    fib daddr type local tcp dport 8080 dnat to 10.213.0.2:80
    ip daddr 127.0.0.1 tcp dport 8081 dnat to 10.213.0.3:8080
    fib daddr type local udp dport 5353 dnat to 10.213.0.2:53
  }
  chain output {
    type nat hook output priority -100; policy accept;
    fib daddr type local tcp dport 8080 dnat to 10.213.0.2:80
    ip daddr 127.0.0.1 tcp dport 8081 dnat to 10.213.0.3:8080
    fib daddr type local udp dport 5353 dnat to 10.213.0.2:53
  }
  chain postrouting {
    type nat hook postrouting priority srcnat; policy accept;
    oifname "berthaaaaaaaaaa" ip saddr 127.0.0.0/8 masquerade
    oifname "berthbbbbbbbbbb" ip saddr 127.0.0.0/8 masquerade
    ip saddr 10.213.0.0/24 oifname != { "berthaaaaaaaaaa", "berthbbbbbbbbbb" } masquerade
    iifname "berthaaaaaaaaaa" oifname "berthaaaaaaaaaa" ct status dnat masquerade
    iifname "berthbbbbbbbbbb" oifname "berthbbbbbbbbbb" ct status dnat masquerade
    ip saddr 10.213.0.2 ip daddr 10.213.0.2 ct status dnat masquerade
    ip saddr 10.213.0.3 ip daddr 10.213.0.3 ct status dnat masquerade
  }
  chain forward {
    type filter hook forward priority filter; policy accept;
    iifname "berthaaaaaaaaaa" oifname "berthbbbbbbbbbb" drop
    iifname "berthbbbbbbbbbb" oifname "berthaaaaaaaaaa" drop
    iifname "berthbbbbbbbbbb" oifname != "berthbbbbbbbbbb" drop
    oifname "berthbbbbbbbbbb" iifname != "berthbbbbbbbbbb" drop
    ct state established,related accept
    iifname { "berthaaaaaaaaaa", "berthbbbbbbbbbb" } accept
    oifname { "berthaaaaaaaaaa", "berthbbbbbbbbbb" } accept
  }
  chain input {
    type filter hook input priority filter; policy accept;
    iifname "berthaaaaaaaaaa" ip daddr 10.213.1.1 drop
    iifname "berthbbbbbbbbbb" ip daddr 10.213.0.1 drop
  }
}
`;

describe("renderRuleset", () => {
  it("renders two networks (one internal) and tcp+udp forwards with and without a host IP", () => {
    expect(renderRuleset("berth_dev", state)).toBe(golden);
  });

  it("is deterministic whatever the input order", () => {
    const shuffled: FirewallState = {
      networks: [...state.networks].reverse(),
      forwards: [...state.forwards].reverse(),
    };
    expect(renderRuleset("berth_dev", shuffled)).toBe(golden);
  });

  it("renders one network with a single-name match and an empty state with empty chains", () => {
    const one = renderRuleset("berth_x", {
      networks: [
        { bridge: "bertha", subnet: "10.1.0.0/24", gateway: "10.1.0.1", internal: false, dns: false },
      ],
      forwards: [],
    });
    expect(one).toContain('    ip saddr 10.1.0.0/24 oifname != "bertha" masquerade\n');
    expect(one).not.toContain(" drop");
    expect(renderRuleset("berth_x", { networks: [], forwards: [] })).toBe(`table ip berth_x {}
delete table ip berth_x
table ip berth_x {
  chain prerouting {
    type nat hook prerouting priority dstnat; policy accept;
  }
  chain output {
    type nat hook output priority -100; policy accept;
  }
  chain postrouting {
    type nat hook postrouting priority srcnat; policy accept;
  }
  chain forward {
    type filter hook forward priority filter; policy accept;
  }
  chain input {
    type filter hook input priority filter; policy accept;
  }
}
`);
  });

  it("never masquerades with a wildcard that would match other instances' bridges", () => {
    expect(renderRuleset("berth_dev", state)).not.toContain("*");
  });
});

describe("deleteTableScript", () => {
  it("creates then deletes the table so that a missing table is no error", () => {
    expect(deleteTableScript("berth_dev")).toBe("table ip berth_dev {}\ndelete table ip berth_dev\n");
  });
});
