/** The Docker Engine API version berth speaks (routes and shapes follow this version's reference). */
export const API_VERSION = "1.43";

/** The oldest API version prefix the server accepts (`/v1.24/…`); older prefixes get a 400. */
export const MIN_API_VERSION = "1.24";

/** Compares two `major.minor` API versions: negative, zero or positive like a sort comparator. */
export function compareApiVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split(".").map(Number);
  const [bMajor = 0, bMinor = 0] = b.split(".").map(Number);
  return aMajor === bMajor ? aMinor - bMinor : aMajor - bMajor;
}
