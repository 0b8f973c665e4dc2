import { InvalidReferenceError } from "./errors.js";

// The grammar of distribution/reference (Docker's image references), written from its published spec.
const alnum = "[a-z0-9]+";
const separator = "(?:[._]|__|-+)";
const pathComponent = `${alnum}(?:${separator}${alnum})*`;
const domainComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const host = `(?:${domainComponent}(?:\\.${domainComponent})*|\\[[a-fA-F0-9:]+\\])`;
const domainPattern = new RegExp(`^${host}(?::[0-9]+)?$`);
const pathPattern = new RegExp(`^${pathComponent}(?:/${pathComponent})*$`);
const tagPattern = /^[\w][\w.-]{0,127}$/;
const digestPattern = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const knownDigest = /^(?:sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128})$/;
const hex64 = /^[a-f0-9]{64}$/;

/** Docker Hub's canonical domain, implied when a reference names none. */
export const defaultDomain = "docker.io";
const legacyDomain = "index.docker.io";
const officialPrefix = "library/";
const maxNameLength = 255;

/** A parsed, normalized image reference: `domain/path[:tag][@digest]`. */
export class ImageReference {
  constructor(
    readonly domain: string,
    readonly path: string,
    readonly tag: string | undefined,
    readonly digest: string | undefined,
  ) {}

  /** `docker.io/library/busybox`: the repository with its domain. */
  repository(): string {
    return `${this.domain}/${this.path}`;
  }

  /** `busybox`: the repository as Docker shows it (Hub domain and `library/` dropped). */
  familiarRepository(): string {
    if (this.domain !== defaultDomain) return this.repository();
    if (this.path.startsWith(officialPrefix)) {
      const rest = this.path.slice(officialPrefix.length);
      if (!rest.includes("/")) return rest;
    }
    return this.path;
  }

  /** `busybox:latest`, `user/repo:tag@sha256:…`: the short form people type. */
  familiarName(): string {
    return this.familiarRepository() + this.suffix();
  }

  /** `docker.io/library/busybox:latest`: the fully qualified form the store keys on. */
  fullName(): string {
    return this.repository() + this.suffix();
  }

  /** Same as `fullName()`. */
  toString(): string {
    return this.fullName();
  }

  private suffix(): string {
    return (
      (this.tag === undefined ? "" : `:${this.tag}`) + (this.digest === undefined ? "" : `@${this.digest}`)
    );
  }
}

function splitDomain(name: string): [string, string] {
  const slash = name.indexOf("/");
  const first = slash === -1 ? "" : name.slice(0, slash);
  const looksLikeDomain =
    slash !== -1 && (/[.:]/.test(first) || first === "localhost" || first.toLowerCase() !== first);
  let domain = looksLikeDomain ? first : defaultDomain;
  let path = looksLikeDomain ? name.slice(slash + 1) : name;
  if (domain === legacyDomain) domain = defaultDomain;
  if (domain === defaultDomain && !path.includes("/")) path = officialPrefix + path;
  return [domain, path];
}

/** Parses an image reference as Docker does (`busybox` → `docker.io/library/busybox:latest`). */
export function parseReference(text: string): ImageReference {
  const fail = (reason: string): never => {
    throw new InvalidReferenceError(text, reason);
  };
  if (text === "") fail("repository name must have at least one component");
  if (hex64.test(text)) fail("cannot specify 64-byte hexadecimal strings as a repository name");
  const at = text.indexOf("@");
  const beforeDigest = at === -1 ? text : text.slice(0, at);
  const digest = at === -1 ? undefined : text.slice(at + 1);
  const [domain, remainder] = splitDomain(beforeDigest);
  const colon = remainder.lastIndexOf(":");
  const path = colon === -1 ? remainder : remainder.slice(0, colon);
  const tag = colon === -1 ? undefined : remainder.slice(colon + 1);
  if (path.toLowerCase() !== path) {
    fail("repository name must be lowercase");
  }
  if (!domainPattern.test(domain) || !pathPattern.test(path)) {
    fail("invalid reference format (names use lowercase letters, digits and . _ - separators)");
  }
  if (`${domain}/${path}`.length > maxNameLength) {
    fail(`repository name must not be more than ${maxNameLength} characters`);
  }
  if (tag !== undefined && !tagPattern.test(tag)) {
    fail("invalid tag format (1 to 128 of letters, digits, _ . -, not starting with . or -)");
  }
  if (digest !== undefined) {
    if (!digestPattern.test(digest)) fail("invalid digest format");
    if (!knownDigest.test(digest)) fail("unsupported digest algorithm or malformed digest hex");
  }
  const defaultedTag = tag === undefined && digest === undefined ? "latest" : tag;
  return new ImageReference(domain, path, defaultedTag, digest);
}

/** Like `parseReference` but returns undefined instead of throwing. */
export function tryParseReference(text: string): ImageReference | undefined {
  try {
    return parseReference(text);
  } catch {
    return undefined;
  }
}
