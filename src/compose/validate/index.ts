export { checkReferences } from "./check-references.js";
export { sortIssues } from "./issues.js";
export { suggestKey, unknownKeyMessage } from "./suggest.js";
export { validateProject } from "./validate-project.js";
