// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile variables are written literally here
import { describe, expect, it } from "vitest";
import { applyChanges } from "../../../../src/image/config/changes.js";
import type { ContainerConfig } from "../../../../src/image/config/container-config.js";

const apply = (changes: string[], config: ContainerConfig = {}) => applyChanges(config, changes);

describe("applyChanges (docker import --change)", () => {
  it.each<[string, string[], ContainerConfig]>([
    ["CMD exec form", ['CMD ["nginx", "-g", "daemon off;"]'], { Cmd: ["nginx", "-g", "daemon off;"] }],
    ["CMD shell form", ["CMD echo $HOME && ls"], { Cmd: ["/bin/sh", "-c", "echo $HOME && ls"] }],
    ["CMD with broken JSON is shell form", ['CMD ["a",'], { Cmd: ["/bin/sh", "-c", '["a",'] }],
    ["lower-case keyword", ["cmd sh"], { Cmd: ["/bin/sh", "-c", "sh"] }],
    ["ENTRYPOINT exec form", ['ENTRYPOINT ["/init"]'], { Entrypoint: ["/init"] }],
    ["ENV pairs with quotes", ["ENV A=1 B=\"two words\" C='$A'"], { Env: ["A=1", "B=two words", "C=$A"] }],
    ["ENV legacy form", ["ENV GREETING hello big world"], { Env: ["GREETING=hello big world"] }],
    ["ENV expands earlier values", ["ENV A=x", "ENV B=${A}y C=$A-z"], { Env: ["A=x", "B=xy", "C=x-z"] }],
    ["ENV defaults", ["ENV A=${UNSET:-dflt} B=${UNSET:+alt}"], { Env: ["A=dflt", "B="] }],
    ["ENV escapes", ['ENV A=\\$HOME B="a\\"b"'], { Env: ["A=$HOME", 'B=a"b'] }],
    ["LABEL pairs", ['LABEL a=1 "b c"=2'], { Labels: { a: "1", "b c": "2" } }],
    [
      "EXPOSE ports, protocols and ranges",
      ["EXPOSE 80 53/UDP 8000-8001"],
      {
        ExposedPorts: { "80/tcp": {}, "53/udp": {}, "8000/tcp": {}, "8001/tcp": {} },
      },
    ],
    ["VOLUME JSON", ['VOLUME ["/data", "/logs"]'], { Volumes: { "/data": {}, "/logs": {} } }],
    ["VOLUME words", ["VOLUME /a /b"], { Volumes: { "/a": {}, "/b": {} } }],
    ["WORKDIR absolute then relative", ["WORKDIR /srv", "WORKDIR app/../web"], { WorkingDir: "/srv/web" }],
    ["WORKDIR relative from nothing", ["WORKDIR app"], { WorkingDir: "/app" }],
    ["WORKDIR with a variable", ["ENV D=/opt", "WORKDIR $D/x"], { Env: ["D=/opt"], WorkingDir: "/opt/x" }],
    ["USER", ["USER app:app"], { User: "app:app" }],
    ["STOPSIGNAL", ["STOPSIGNAL SIGQUIT"], { StopSignal: "SIGQUIT" }],
    ["STOPSIGNAL number", ["STOPSIGNAL 9"], { StopSignal: "9" }],
    [
      "HEALTHCHECK shell form with options",
      ["HEALTHCHECK --interval=1m30s --timeout=500ms --retries=3 CMD curl -f http://x/"],
      {
        Healthcheck: { Test: ["CMD-SHELL", "curl -f http://x/"], Interval: 90e9, Timeout: 5e8, Retries: 3 },
      },
    ],
    [
      "HEALTHCHECK exec form",
      ['HEALTHCHECK --start-period=2s --start-interval=1s CMD ["true"]'],
      {
        Healthcheck: { Test: ["CMD", "true"], StartPeriod: 2e9, StartInterval: 1e9 },
      },
    ],
    ["HEALTHCHECK NONE", ["HEALTHCHECK NONE"], { Healthcheck: { Test: ["NONE"] } }],
    ["ONBUILD", ["onbuild run make"], { OnBuild: ["RUN make"] }],
    ["empty lines are skipped", ["", "  "], {}],
  ])("%s", (_name, changes, expected) => {
    expect(apply(changes)).toEqual(expected);
  });

  it("replaces ENV keys in place and merges labels, ports and volumes with the config", () => {
    const base: ContainerConfig = {
      Env: ["PATH=/bin", "A=1"],
      Labels: { a: "1" },
      ExposedPorts: { "80/tcp": {} },
      Volumes: { "/v": {} },
    };
    expect(apply(["ENV A=2 PATH=$PATH:/sbin", "LABEL b=2", "EXPOSE 81", "VOLUME /w"], base)).toEqual({
      Env: ["PATH=/bin:/sbin", "A=2"],
      Labels: { a: "1", b: "2" },
      ExposedPorts: { "80/tcp": {}, "81/tcp": {} },
      Volumes: { "/v": {}, "/w": {} },
    });
    expect(base.Env).toEqual(["PATH=/bin", "A=1"]);
  });

  it("drops an inherited CMD when ENTRYPOINT is set, unless CMD came first in the changes", () => {
    expect(apply(['ENTRYPOINT ["/e"]'], { Cmd: ["old"] })).toEqual({ Entrypoint: ["/e"] });
    expect(apply(['CMD ["new"]', 'ENTRYPOINT ["/e"]'], { Cmd: ["old"] })).toEqual({
      Entrypoint: ["/e"],
      Cmd: ["new"],
    });
    expect(apply(['ENTRYPOINT ["/e"]', 'CMD ["new"]'])).toEqual({ Entrypoint: ["/e"], Cmd: ["new"] });
  });

  it("uses the image's SHELL for shell forms", () => {
    expect(apply(["CMD dir"], { Shell: ["cmd", "/S", "/C"] }).Cmd).toEqual(["cmd", "/S", "/C", "dir"]);
  });

  it.each([
    ["RUN make", '"RUN" is not a valid change command'],
    ["FROM busybox", '"FROM" is not a valid change command'],
    ["ENV", "ENV needs at least one argument"],
    ["ENV ONLYKEY", "needs a value"],
    ["ENV A=1 =2", "expects KEY=value pairs"],
    ["EXPOSE 0", 'invalid port "0"'],
    ["EXPOSE 70000", 'invalid port "70000"'],
    ["EXPOSE 90-80", 'invalid port "90-80"'],
    ["EXPOSE 80/http", 'invalid port "80/http"'],
    ["HEALTHCHECK --interval=soon CMD true", 'invalid duration "soon"'],
    ["HEALTHCHECK --retries=x CMD true", "--retries must be a whole number"],
    ["HEALTHCHECK --bogus=1 CMD true", "unknown HEALTHCHECK flag --bogus"],
    ["HEALTHCHECK NONE extra", "HEALTHCHECK NONE takes no other arguments"],
    ["HEALTHCHECK CMD", "HEALTHCHECK CMD needs a command"],
    ["HEALTHCHECK RUN x", "expects CMD or NONE"],
    ["STOPSIGNAL ?!", 'invalid STOPSIGNAL "?!"'],
    ["ONBUILD FROM x", 'ONBUILD cannot trigger "FROM"'],
    ['ENV A="open', 'looking for matching "'],
    ["ENV A=${B", "missing '}'"],
    ["ENV A=${B?x}", "bad substitution"],
    ["WORKDIR", "WORKDIR needs a path"],
    ["VOLUME", "VOLUME needs one or more non-empty paths"],
  ])("refuses %s", (change, message) => {
    expect(() => apply([change])).toThrow(message);
    expect(() => apply([change])).toThrow(`change "${change}"`);
  });
});
