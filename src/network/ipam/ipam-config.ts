import { BerthError } from "../../shared/errors.js";
import {
  cidrContains,
  cidrHosts,
  cidrsOverlap,
  isIpv4,
  normalizeCidr,
  parseCidr,
  parseIpv4,
} from "../ipv4.js";

/** What a network's IPAM config asks for (compose `ipam.config[0]`, Docker `IPAM.Config[0]`). */
export interface IpamRequest {
  subnet?: string;
  ipRange?: string;
  gateway?: string;
  auxAddresses?: Record<string, string>;
}

/** A validated, normalised IPAM plan: every address is inside `subnet`. */
export interface IpamPlan {
  subnet: string;
  ipRange?: string;
  gateway: string;
  auxAddresses: Record<string, string>;
}

/** The longest prefix a bridge network may have: a /30 still holds a gateway and one container. */
export const MAX_SUBNET_PREFIX = 30;

function invalid(message: string, details: Record<string, unknown>): BerthError {
  return new BerthError("INVALID_ARGUMENT", message, { details });
}

function checkSubnet(text: string): string {
  let subnet: string;
  try {
    subnet = normalizeCidr(text);
  } catch (error: unknown) {
    throw new BerthError("INVALID_ARGUMENT", `invalid subnet ${text}: invalid CIDR address`, {
      details: { subnet: text },
      cause: error,
    });
  }
  if (parseCidr(subnet).prefix > MAX_SUBNET_PREFIX) {
    throw invalid(`invalid subnet ${text}: the prefix must be /${MAX_SUBNET_PREFIX} or shorter`, {
      subnet: text,
    });
  }
  return subnet;
}

function checkRange(text: string, subnet: string): string {
  let range: string;
  try {
    range = normalizeCidr(text);
  } catch (error: unknown) {
    throw new BerthError("INVALID_ARGUMENT", `invalid ip-range ${text}: invalid CIDR address`, {
      details: { ipRange: text },
      cause: error,
    });
  }
  const inside = cidrsOverlap(range, subnet) && parseCidr(range).prefix >= parseCidr(subnet).prefix;
  if (!inside)
    throw invalid(`invalid ip-range ${text}: it must be within subnet ${subnet}`, { ipRange: text });
  return range;
}

function checkAddress(label: string, shown: string, ip: string, subnet: string): string {
  if (!isIpv4(ip)) throw invalid(`invalid ${label} ${shown}: not an IPv4 address`, { [label]: shown });
  if (!cidrContains(subnet, ip)) {
    throw invalid(`invalid ${label} ${shown}: it must be within subnet ${subnet}`, { [label]: shown });
  }
  const { first, last } = cidrHosts(subnet);
  const value = parseIpv4(ip);
  if (value < parseIpv4(first) || value > parseIpv4(last)) {
    throw invalid(`invalid ${label} ${shown}: it is the network or broadcast address of subnet ${subnet}`, {
      [label]: shown,
    });
  }
  return ip;
}

/** Validates and normalises an IPAM request; `pickedSubnet` is called only when no subnet is given. */
export function planIpam(request: IpamRequest, pickedSubnet: () => string): IpamPlan {
  const aux = request.auxAddresses ?? {};
  if (
    request.subnet === undefined &&
    (request.ipRange !== undefined || request.gateway !== undefined || Object.keys(aux).length > 0)
  ) {
    throw invalid("every ip-range, gateway or aux-address must have a corresponding subnet", {
      ...(request.ipRange === undefined ? {} : { ipRange: request.ipRange }),
      ...(request.gateway === undefined ? {} : { gateway: request.gateway }),
    });
  }
  const subnet = checkSubnet(request.subnet ?? pickedSubnet());
  const ipRange = request.ipRange === undefined ? undefined : checkRange(request.ipRange, subnet);
  const gateway =
    request.gateway === undefined
      ? cidrHosts(subnet).first
      : checkAddress("gateway", request.gateway, request.gateway, subnet);
  const auxAddresses: Record<string, string> = {};
  for (const name of Object.keys(aux).sort()) {
    const ip = aux[name] ?? "";
    auxAddresses[name] = checkAddress("aux-address", `${name}=${ip}`, ip, subnet);
  }
  return { subnet, ...(ipRange === undefined ? {} : { ipRange }), gateway, auxAddresses };
}
