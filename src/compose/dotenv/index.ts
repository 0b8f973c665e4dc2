export { type ParseDotenvOptions, parseDotenv } from "./parse-dotenv.js";
export { parseRawEnv, RawEnvFileError } from "./parse-raw.js";
