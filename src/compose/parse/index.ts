// The parse stage: YAML text to a raw tree with locations.
export { type ParsedFile, parseYaml } from "./parse-yaml.js";
