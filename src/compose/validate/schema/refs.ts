import { z } from "zod";
import { strict } from "./object.js";
import { numOrStr, str } from "./primitives.js";

/** Service access to a secret or config: its name, or `{source, target, uid, gid, mode}`. */
export const configOrSecretRefs = z.array(
  z.union([
    str,
    strict(
      {
        source: str.optional(),
        target: str.optional(),
        uid: str.optional(),
        gid: str.optional(),
        mode: numOrStr.optional(),
      },
      { extensions: true },
    ),
  ]),
);
