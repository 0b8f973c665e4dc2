import type { EngineClient } from "../../client/index.js";

// The network wire types as the typed client's signatures carry them (app and cli reach the API
// only through the client, by the import rules of DESIGN.md).

/** GET /networks/{id}: Docker's NetworkResource. */
export type NetworkInspect = Awaited<ReturnType<EngineClient["inspectNetwork"]>>;
/** POST /networks/create body. */
export type NetworkCreateBody = Parameters<EngineClient["createNetwork"]>[0];
/** One IPAM pool of a create body. */
export type IpamPoolConfig = NonNullable<NonNullable<NetworkCreateBody["IPAM"]>["Config"]>[number];
/** POST /networks/{id}/connect body. */
export type NetworkConnectBody = Parameters<EngineClient["connectNetwork"]>[1];
/** A container's settings on one network (create's NetworkingConfig, connect's EndpointConfig). */
export type EndpointConfig = NonNullable<NetworkConnectBody["EndpointConfig"]>;
/** POST /networks/prune answer. */
export type NetworkPruneResponse = Awaited<ReturnType<EngineClient["pruneNetworks"]>>;
/** The network routes of the engine, as the network use cases need them. */
export type NetworkPort = Pick<
  EngineClient,
  | "listNetworks"
  | "inspectNetwork"
  | "createNetwork"
  | "removeNetwork"
  | "connectNetwork"
  | "disconnectNetwork"
  | "pruneNetworks"
>;
