import { z } from "zod";
import { patternMap, strict, uniqueArray } from "./object.js";

/** Any string. */
export const str = z.string();
/** Any finite number. */
export const num = z.number();
/** A whole number. */
export const int = z.int();
/** true or false. */
export const bool = z.boolean();
/** JSON schema `["boolean", "string"]` (strings are left for later stages to cast). */
export const boolOrStr = z.union([bool, str]);
/** JSON schema `["number", "string"]`. */
export const numOrStr = z.union([num, str]);
/** JSON schema `["integer", "string"]`. */
export const intOrStr = z.union([int, str]);
/** JSON schema `["string", "number"]`. */
export const strOrNum = z.union([str, num]);

/** A Go-style duration: `90s`, `1m30s`, `1.5h`, `250ms`, or `0`. */
export const DURATION_PATTERN = /^[-+]?(0|((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+)$/;
/** A byte size: a number with an optional unit such as `512m`, `1g`, `2GiB`, `1.5 gb`. */
export const BYTES_PATTERN = /^(-1|\d+(\.\d+)?) ?([kmgtpe]?i?b?)$/i;

/** A duration string such as `1m30s`. */
export const duration = z
  .string()
  .regex(DURATION_PATTERN, { error: 'must be a duration like "30s" or "1m30s"' });
/** A byte size: a number, or a string such as `512m`. */
export const bytesOrNum = z.union([num, bytesString()]);
/** A byte size: an integer, or a string such as `512m`. */
export const bytesOrInt = z.union([int, bytesString()]);

/** A byte size written as a string such as `512m`. */
export function bytesString() {
  return z.string().regex(BYTES_PATTERN, { error: 'must be a byte size like "512m" or "2g"' });
}

/** A list of distinct strings (`list_of_strings`). */
export const listOfStrings = uniqueArray(str);
/** A string or a list of distinct strings (`string_or_list`). */
export const stringOrList = z.union([str, listOfStrings]);
/** A mapping of scalars or a list of distinct `KEY=VALUE` strings (`list_or_dict`). */
export const listOrDict = z.union([z.record(z.string(), z.union([str, num, bool, z.null()])), listOfStrings]);
/** Host-to-IP mappings as a mapping (of a string or a list) or a list of `host:ip` strings. */
export const extraHosts = z.union([z.record(z.string(), z.union([str, z.array(str)])), listOfStrings]);
/** A command: null, a shell string, or an exec-form list. */
export const command = z.union([z.null(), str, z.array(str)]);
/** Driver options: a mapping of strings or numbers. */
export const driverOpts = z.record(z.string(), strOrNum);
/** Any mapping. */
export const anyObject = z.record(z.string(), z.unknown());

const ulimit = z.union([intOrStr, strict({ hard: intOrStr, soft: intOrStr }, { extensions: true })]);

/** `ulimits`: each lowercase name maps to one limit or a `{soft, hard}` pair. */
export const ulimits = patternMap(/^[a-z]+$/, ulimit);
