export { type NormalizeContext, normalizeProject } from "./normalize-project.js";
export { parsePortSpec } from "./ports.js";
export { splitShellWords } from "./shell-words.js";
export { formatByteSize, formatDuration, normalizeDuration, parseByteSize, parseDuration } from "./units.js";
export { parseVolumeSpec } from "./volumes.js";
