import { z } from "zod";
import { boolParam, filtersParam, textParam } from "./query.js";

// Networks in the Docker Engine API's shapes (API 1.43, plus GwPriority from 1.48 for compose's `priority`).

const stringMap = z.record(z.string(), z.string()).nullish();

/** One IPAM pool of a network (subnet, range, gateway, reserved addresses). */
export const IpamPoolConfig = z.object({
  Subnet: z.string().nullish(),
  IPRange: z.string().nullish(),
  Gateway: z.string().nullish(),
  AuxiliaryAddresses: stringMap,
});
/** One IPAM pool of a network. */
export type IpamPoolConfig = z.infer<typeof IpamPoolConfig>;

/** A network's IPAM settings. */
export const NetworkIpam = z.object({
  Driver: z.string().nullish(),
  Config: z.array(IpamPoolConfig).nullish(),
  Options: stringMap,
});
/** A network's IPAM settings. */
export type NetworkIpam = z.infer<typeof NetworkIpam>;

/** POST /networks/create body. */
export const NetworkCreateBody = z.object({
  Name: z.string().min(1, "Name is required"),
  CheckDuplicate: z.boolean().nullish(),
  Driver: z.string().nullish(),
  Scope: z.string().nullish(),
  Internal: z.boolean().nullish(),
  Attachable: z.boolean().nullish(),
  Ingress: z.boolean().nullish(),
  ConfigOnly: z.boolean().nullish(),
  ConfigFrom: z.object({ Network: z.string().nullish() }).nullish(),
  IPAM: NetworkIpam.nullish(),
  EnableIPv6: z.boolean().nullish(),
  EnableIPv4: z.boolean().nullish(),
  Options: stringMap,
  Labels: stringMap,
});
/** POST /networks/create body. */
export type NetworkCreateBody = z.infer<typeof NetworkCreateBody>;

/** POST /networks/create answer (201). */
export const NetworkCreateResponse = z.object({ Id: z.string(), Warning: z.string() });
/** POST /networks/create answer. */
export type NetworkCreateResponse = z.infer<typeof NetworkCreateResponse>;

/** A container's settings on one network, as create/connect take them and inspect reports them. */
export const EndpointConfig = z.object({
  IPAMConfig: z
    .object({
      IPv4Address: z.string().nullish(),
      IPv6Address: z.string().nullish(),
      LinkLocalIPs: z.array(z.string()).nullish(),
    })
    .nullish(),
  Links: z.array(z.string()).nullish(),
  Aliases: z.array(z.string()).nullish(),
  MacAddress: z.string().nullish(),
  DriverOpts: stringMap,
  GwPriority: z.number().int().nullish(),
  NetworkID: z.string().nullish(),
  EndpointID: z.string().nullish(),
  Gateway: z.string().nullish(),
  IPAddress: z.string().nullish(),
  IPPrefixLen: z.number().int().nullish(),
  IPv6Gateway: z.string().nullish(),
  GlobalIPv6Address: z.string().nullish(),
  GlobalIPv6PrefixLen: z.number().int().nullish(),
  DNSNames: z.array(z.string()).nullish(),
});
/** A container's settings on one network. */
export type EndpointConfig = z.infer<typeof EndpointConfig>;

/** One container attached to a network, as network inspect lists it. */
export const NetworkContainer = z.object({
  Name: z.string(),
  EndpointID: z.string(),
  MacAddress: z.string(),
  IPv4Address: z.string(),
  IPv6Address: z.string(),
});
/** One container attached to a network. */
export type NetworkContainer = z.infer<typeof NetworkContainer>;

/** GET /networks/{id} and one entry of GET /networks: Docker's NetworkResource. */
export const NetworkInspect = z.object({
  Name: z.string(),
  Id: z.string(),
  Created: z.string(),
  Scope: z.string(),
  Driver: z.string(),
  EnableIPv6: z.boolean(),
  IPAM: z.object({
    Driver: z.string(),
    Options: z.record(z.string(), z.string()).nullable(),
    Config: z.array(
      z.object({
        Subnet: z.string(),
        Gateway: z.string(),
        IPRange: z.string().optional(),
        AuxiliaryAddresses: z.record(z.string(), z.string()).optional(),
      }),
    ),
  }),
  Internal: z.boolean(),
  Attachable: z.boolean(),
  Ingress: z.boolean(),
  ConfigFrom: z.object({ Network: z.string() }),
  ConfigOnly: z.boolean(),
  Containers: z.record(z.string(), NetworkContainer),
  Options: z.record(z.string(), z.string()),
  Labels: z.record(z.string(), z.string()),
});
/** Docker's NetworkResource. */
export type NetworkInspect = z.infer<typeof NetworkInspect>;

/** GET /networks query (filters: dangling, driver, id, label, name, scope, type). */
export const NetworkListQuery = z.object({ filters: filtersParam });
/** GET /networks query. */
export type NetworkListQuery = z.infer<typeof NetworkListQuery>;

/** GET /networks/{id} query. */
export const NetworkInspectQuery = z.object({ verbose: boolParam, scope: textParam });
/** GET /networks/{id} query. */
export type NetworkInspectQuery = z.infer<typeof NetworkInspectQuery>;

/** POST /networks/{id}/connect body. */
export const NetworkConnectBody = z.object({
  Container: z.string().min(1, "Container is required"),
  EndpointConfig: EndpointConfig.nullish(),
});
/** POST /networks/{id}/connect body. */
export type NetworkConnectBody = z.infer<typeof NetworkConnectBody>;

/** POST /networks/{id}/disconnect body. */
export const NetworkDisconnectBody = z.object({
  Container: z.string().min(1, "Container is required"),
  Force: z.boolean().nullish(),
});
/** POST /networks/{id}/disconnect body. */
export type NetworkDisconnectBody = z.infer<typeof NetworkDisconnectBody>;

/** POST /networks/prune query (filters: until, label, label!). */
export const NetworkPruneQuery = z.object({ filters: filtersParam });
/** POST /networks/prune query. */
export type NetworkPruneQuery = z.infer<typeof NetworkPruneQuery>;

/** POST /networks/prune answer. */
export const NetworkPruneResponse = z.object({ NetworksDeleted: z.array(z.string()).nullable() });
/** POST /networks/prune answer. */
export type NetworkPruneResponse = z.infer<typeof NetworkPruneResponse>;
