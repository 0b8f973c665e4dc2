import { describe, expect, it } from "vitest";
import type { ContainerSummary, ImageSummary } from "../../../../src/app/containers/api-types.js";
import { containerLayout, containerRow, goTime, shortId } from "../../../../src/cli/render/container-rows.js";
import { formatList } from "../../../../src/cli/render/format-list.js";
import { imageLayout, imageRows } from "../../../../src/cli/render/image-rows.js";
import { inspectJson, jsonLine } from "../../../../src/cli/render/json.js";
import { ellipsis, renderTable } from "../../../../src/cli/render/table.js";

const now = Date.parse("2024-01-01T00:00:10Z");
const summary: ContainerSummary = {
  Id: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
  Names: ["/web"],
  Image: "busybox",
  ImageID: "sha256:ff",
  Command: "sh -c 'while true; do sleep 1; done'",
  Created: now / 1000 - 10,
  Ports: [],
  Labels: { tier: "web", app: "shop" },
  State: "running",
  Status: "Up 9 seconds",
  HostConfig: { NetworkMode: "none" },
  NetworkSettings: { Networks: {} },
  Mounts: [],
};

describe("tables", () => {
  it("pads columns like docker's tabwriter (width + 3, at least 10; last column bare)", () => {
    expect(
      renderTable([
        ["A", "LONGER HEADER", "Z"],
        ["value", "x", "last"],
      ]),
    ).toBe("A         LONGER HEADER   Z\nvalue     x               last\n");
    expect(renderTable([["UID", "PID"]], 20)).toBe("UID                 PID\n");
  });

  it("cuts with an ellipsis", () => {
    expect(ellipsis("abcdef", 4)).toBe("abc…");
    expect(ellipsis("abc", 4)).toBe("abc");
  });
});

describe("ps rows", () => {
  it("renders the default table", () => {
    const rows = [containerRow(summary, { truncate: true, nowMs: now })];
    expect(formatList(rows, undefined, containerLayout)).toBe(
      "CONTAINER ID   IMAGE     COMMAND                  CREATED          STATUS         PORTS     NAMES\n" +
        '0123456789ab   busybox   "sh -c \'while true; …"   10 seconds ago   Up 9 seconds             web\n',
    );
  });

  it("keeps everything with --no-trunc and sorts labels", () => {
    const row = containerRow(summary, { truncate: false, nowMs: now });
    expect(row.ID).toBe(summary.Id);
    expect(row.Command).toBe(`"${summary.Command}"`);
    expect(row.Labels).toBe("app=shop,tier=web");
    expect(row.CreatedAt).toBe(goTime(summary.Created));
  });

  it("json lines drop methods and sort keys", () => {
    const row = containerRow(summary, { truncate: true, nowMs: now });
    const parsed = JSON.parse(jsonLine(row)) as Record<string, unknown>;
    expect(parsed.Label).toBeUndefined();
    expect(Object.keys(parsed)).toEqual([...Object.keys(parsed)].sort());
    expect(formatList([row], "json", containerLayout)).toBe(jsonLine(row));
  });

  it("table templates get headers; .Label gets a LABEL header", () => {
    const rows = [containerRow(summary, { truncate: true, nowMs: now })];
    expect(formatList(rows, 'table {{.Names}}\\t{{.Label "tier"}}', containerLayout)).toBe(
      "NAMES     LABEL TIER\nweb       web\n",
    );
  });

  it("formats Go times and short ids", () => {
    expect(goTime(1_700_000_000)).toBe("2023-11-14 22:13:20 +0000 UTC");
    expect(shortId("sha256:0123456789abcdef")).toBe("0123456789ab");
  });
});

describe("image rows", () => {
  const image: ImageSummary = {
    Id: "sha256:aaaabbbbccccddddeeee",
    ParentId: "",
    RepoTags: ["registry:5000/team/app:v2", "app:latest"],
    RepoDigests: ["app@sha256:feed"],
    Created: now / 1000 - 7200,
    Size: 4_260_000,
    SharedSize: -1,
    Labels: {},
    Containers: -1,
  };
  const untagged: ImageSummary = {
    ...image,
    Id: "sha256:0000",
    RepoTags: [],
    RepoDigests: [],
    Created: now / 1000,
  };

  it("one row per tag, <none> for untagged, newest first", () => {
    const rows = imageRows([image, untagged], { truncate: true, nowMs: now });
    expect(rows.map((r) => `${r.Repository}:${r.Tag}:${r.Digest}`)).toEqual([
      "<none>:<none>:<none>",
      "app:latest:sha256:feed",
      "registry:5000/team/app:v2:<none>",
    ]);
    expect(formatList(rows.slice(1, 2), undefined, imageLayout(false))).toBe(
      "REPOSITORY   TAG       IMAGE ID       CREATED       SIZE\napp          latest    aaaabbbbcccc   2 hours ago   4.26MB\n",
    );
  });

  it("--digests adds the DIGEST column", () => {
    const rows = imageRows([image], { truncate: true, nowMs: now });
    expect(formatList(rows, undefined, imageLayout(true)).split("\n")[0]).toBe(
      "REPOSITORY               TAG       DIGEST        IMAGE ID       CREATED       SIZE",
    );
  });
});

describe("inspect json", () => {
  it("is an array indented by four spaces", () => {
    expect(inspectJson([{ a: 1 }])).toBe('[\n    {\n        "a": 1\n    }\n]\n');
    expect(inspectJson([])).toBe("[]\n");
  });
});
