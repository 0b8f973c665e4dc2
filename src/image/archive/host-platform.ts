import { ociPlatformOf } from "../config/image-config.js";

/** The host's platform in OCI terms (`amd64`, `arm64`/`v8`, …). */
export function hostPlatform(): { architecture: string; variant?: string } {
  return ociPlatformOf(process.arch);
}
