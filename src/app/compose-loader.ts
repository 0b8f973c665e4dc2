// Kept apart from compose-port.ts so the CLI loads the compose pipeline only when a command needs it.
export { loadProject } from "../compose/load/load-project.js";
