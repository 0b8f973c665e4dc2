export { type ParseDotenvOptions, parseDotenv } from "./parse-dotenv.js";
