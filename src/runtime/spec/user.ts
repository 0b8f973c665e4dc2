import { ContainerSpecError } from "./errors.js";

/** Numeric identity of the container process, as runc takes it. */
export interface ResolvedUser {
  uid: number;
  gid: number;
  additionalGids: number[];
  /** Home directory from /etc/passwd ("/" when the user has no entry). */
  home: string;
}

interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

const MAX_ID = 2 ** 31 - 1;

function parseId(text: string): number | undefined {
  if (!/^\d+$/.test(text)) return undefined;
  const id = Number(text);
  return id <= MAX_ID ? id : undefined;
}

function lines(text: string): string[][] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => line.split(":"));
}

/** Entries of an /etc/passwd text; malformed lines are skipped, as libc does. */
export function parsePasswd(text: string): PasswdEntry[] {
  return lines(text).flatMap(([name, , uid, gid, , home]) => {
    const u = parseId(uid ?? "");
    const g = parseId(gid ?? "");
    if (!name || u === undefined || g === undefined) return [];
    return [{ name, uid: u, gid: g, home: home || "/" }];
  });
}

/** Entries of an /etc/group text; malformed lines are skipped. */
export function parseGroup(text: string): GroupEntry[] {
  return lines(text).flatMap(([name, , gid, members]) => {
    const g = parseId(gid ?? "");
    if (!name || g === undefined) return [];
    const list = (members ?? "").split(",").filter((m) => m !== "");
    return [{ name, gid: g, members: list }];
  });
}

function findGroup(groups: GroupEntry[], ref: string): number {
  const id = parseId(ref);
  if (id !== undefined) return id;
  const byName = groups.find((g) => g.name === ref);
  if (byName) return byName.gid;
  throw new ContainerSpecError(`unable to find group ${ref}: no matching entries in group file`);
}

/**
 * uid/gid/supplementary gids for `user`, `uid`, `user:group` or `uid:gid` (empty = root), read from the
 * container's /etc/passwd and /etc/group texts. Numbers need no entry; names must exist. Supplementary
 * groups come from /etc/group membership only when no group is given (runc's rule), plus `groupAdd`.
 */
export function resolveUser(
  user: string | undefined,
  files: { passwd: string; group: string },
  groupAdd: readonly string[] = [],
): ResolvedUser {
  const [userRef = "", groupRef, ...rest] = (user ?? "").split(":");
  if (rest.length > 0) throw new ContainerSpecError(`invalid user "${user}": expected user[:group]`);
  const passwd = parsePasswd(files.passwd);
  const groups = parseGroup(files.group);
  const numericUid = parseId(userRef);
  let entry: PasswdEntry | undefined;
  if (userRef === "") entry = passwd.find((p) => p.uid === 0);
  else if (numericUid !== undefined) entry = passwd.find((p) => p.uid === numericUid);
  else entry = passwd.find((p) => p.name === userRef);
  if (userRef !== "" && numericUid === undefined && entry === undefined) {
    throw new ContainerSpecError(`unable to find user ${userRef}: no matching entries in passwd file`);
  }
  const uid = entry?.uid ?? numericUid ?? 0;
  let gid = entry?.gid ?? 0;
  const additional: number[] = [];
  if (groupRef !== undefined && groupRef !== "") {
    gid = findGroup(groups, groupRef);
  } else if (entry !== undefined) {
    for (const g of groups) if (g.members.includes(entry.name)) additional.push(g.gid);
  }
  for (const ref of groupAdd) additional.push(findGroup(groups, ref));
  const additionalGids = [...new Set(additional)].filter((g) => g !== gid);
  return { uid, gid, additionalGids, home: entry?.home ?? "/" };
}
