// The embedded DNS server of the engine and its pure codec.
export * from "./codec.js";
export * from "./dns-server.js";
export * from "./forward.js";
export * from "./resolve.js";
export * from "./tcp-framing.js";
export * from "./upstreams.js";
export { CLASS_IN, DnsType, labelsToName, nameToLabels, Rcode, WireError } from "./wire.js";
