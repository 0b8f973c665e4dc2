import { BerthError } from "../../shared/errors.js";

const adjectives = [
  "brave",
  "calm",
  "clever",
  "eager",
  "fancy",
  "gentle",
  "happy",
  "jolly",
  "keen",
  "lucid",
  "merry",
  "nimble",
  "proud",
  "quiet",
  "rapid",
  "sharp",
  "steady",
  "sunny",
  "tidy",
  "witty",
];
const nouns = [
  "anchor",
  "bay",
  "buoy",
  "cove",
  "dock",
  "ferry",
  "harbor",
  "jetty",
  "keel",
  "lagoon",
  "mast",
  "pier",
  "quay",
  "reef",
  "sail",
  "schooner",
  "skiff",
  "tide",
  "wharf",
  "yawl",
];

/** A source of random bytes (crypto in the engine, seeded in tests). */
export type RandomBytes = (size: number) => Buffer;

/** A container id: 64 hex characters from 32 random bytes. */
export function newContainerId(random: RandomBytes): string {
  return random(32).toString("hex");
}

/** A generated `adjective_noun` name not in `taken` (a number is added after a few collisions). */
export function generateName(random: RandomBytes, taken: (name: string) => boolean): string {
  for (let attempt = 0; attempt < 100; attempt++) {
    const bytes = random(3);
    const base = `${adjectives[(bytes[0] ?? 0) % adjectives.length]}_${nouns[(bytes[1] ?? 0) % nouns.length]}`;
    const name = attempt < 10 ? base : `${base}${bytes[2] ?? 0}`;
    if (!taken(name)) return name;
  }
  throw new BerthError("INTERNAL", "could not generate a free container name");
}

/** Docker's message when a name is in use. */
export function nameConflict(name: string, holder: string): BerthError {
  return new BerthError(
    "CONFLICT",
    `Conflict. The container name "/${name}" is already in use by container "${holder}". You have to remove (or rename) that container to be able to reuse that name.`,
    { details: { name, container: holder } },
  );
}
