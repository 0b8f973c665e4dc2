import { createHash } from "node:crypto";
import { InvalidReferenceError } from "./errors.js";

/** A content digest as text, `sha256:<64 lowercase hex>`. */
export type Digest = `sha256:${string}`;

const sha256Pattern = /^sha256:[0-9a-f]{64}$/;

/** True when `text` is a well-formed sha256 digest. */
export function isDigest(text: string): text is Digest {
  return sha256Pattern.test(text);
}

/** Validates a sha256 digest (the only algorithm the store keeps) and returns it typed. */
export function parseDigest(text: string): Digest {
  if (!isDigest(text)) {
    throw new InvalidReferenceError(text, "digest must be sha256: followed by 64 lowercase hex characters");
  }
  return text;
}

/** The hex part of a digest. */
export function digestHex(digest: Digest): string {
  return digest.slice("sha256:".length);
}

/** sha256 digest of bytes or text. */
export function sha256Digest(data: Uint8Array | string): Digest {
  return `sha256:${createHash("sha256").update(data).digest("hex")}`;
}

/** Chain ids of a layer stack (lowest first), as the OCI image spec defines them. */
export function chainIds(diffIds: readonly Digest[]): Digest[] {
  const out: Digest[] = [];
  for (const diffId of diffIds) {
    const parent = out.at(-1);
    out.push(parent === undefined ? diffId : sha256Digest(`${parent} ${diffId}`));
  }
  return out;
}
