import { describe, expect, it } from "vitest";
import {
  LineAssembler,
  logTimeNs,
  msToNs,
  parseK8sLog,
  parseK8sRecord,
  splitLines,
} from "../../../../src/runtime/logs/k8s-log.js";

const T = "2026-11-22T20:29:54.531188711+00:00";

describe("k8s-file log records", () => {
  it.each([
    [`${T} stdout F hello world`, { time: T, stream: "stdout", tag: "F", content: "hello world" }],
    [`${T} stderr P  two  spaces `, { time: T, stream: "stderr", tag: "P", content: " two  spaces " }],
    [`${T} stdout F `, { time: T, stream: "stdout", tag: "F", content: "" }],
    [`${T} stdout F`, { time: T, stream: "stdout", tag: "F", content: "" }],
    [`${T} stdout F tab\there`, { time: T, stream: "stdout", tag: "F", content: "tab\there" }],
  ])("parses %j", (text, record) => {
    expect(parseK8sRecord(text)).toEqual(record);
  });

  it.each(["", "garbage", `${T} stdin F x`, `${T} stdout X x`, `${T}  stdout F x`])("rejects %j", (text) => {
    expect(parseK8sRecord(text)).toBeUndefined();
  });

  it("reads times to the nanosecond", () => {
    expect(logTimeNs(T)).toBe(1795379394531188711n);
    expect(logTimeNs("2026-01-01T00:00:00Z")).toBe(msToNs(Date.parse("2026-01-01T00:00:00Z")));
    expect(logTimeNs("nonsense")).toBeUndefined();
    expect(msToNs(1.5)).toBe(1_500_000n);
  });
});

describe("joining partial lines", () => {
  it("joins P pieces per stream, interleaved with the other stream, timed by the first piece", () => {
    const text = [
      "t1 stdout P a",
      "t2 stderr P x",
      "t3 stdout P b",
      "t4 stderr F y",
      "t5 stdout F c",
      "t6 stdout F d",
      "",
    ].join("\n");
    expect(parseK8sLog(text)).toEqual([
      { stream: "stderr", time: "t2", line: "xy", partial: false },
      { stream: "stdout", time: "t1", line: "abc", partial: false },
      { stream: "stdout", time: "t6", line: "d", partial: false },
    ]);
  });

  it("keeps an unended line as partial at the end", () => {
    expect(parseK8sLog("t1 stdout F a\nt2 stdout P b\nt3 stdout P c\n")).toEqual([
      { stream: "stdout", time: "t1", line: "a", partial: false },
      { stream: "stdout", time: "t2", line: "bc", partial: true },
    ]);
  });

  it("cuts a very long line at the cap as a partial line and goes on", () => {
    const assembler = new LineAssembler({ maxLineLength: 4 });
    const out = [
      ...assembler.push({ time: "t1", stream: "stdout", tag: "P", content: "ab" }),
      ...assembler.push({ time: "t2", stream: "stdout", tag: "P", content: "cd" }),
      ...assembler.push({ time: "t3", stream: "stdout", tag: "F", content: "e" }),
    ];
    expect(out).toEqual([
      { stream: "stdout", time: "t1", line: "abcd", partial: true },
      { stream: "stdout", time: "t3", line: "e", partial: false },
    ]);
  });

  it("joins pieces far longer than one record", () => {
    const piece = "x".repeat(8192);
    const text = `${Array.from({ length: 40 }, (_, i) => `t${i} stdout P ${piece}`).join("\n")}\nt stdout F !\n`;
    const [entry] = parseK8sLog(text);
    expect(entry?.line.length).toBe(40 * 8192 + 1);
    expect(entry?.partial).toBe(false);
  });
});

describe("splitLines", () => {
  it("splits complete lines and keeps the rest, also inside a multi-byte character", () => {
    const bytes = Buffer.from("é\nab\nc€", "utf8");
    const cut = bytes.subarray(0, bytes.length - 1);
    const { lines, rest } = splitLines(cut);
    expect(lines).toEqual(["é", "ab"]);
    expect(Buffer.concat([rest, bytes.subarray(bytes.length - 1)]).toString("utf8")).toBe("c€");
  });
});
