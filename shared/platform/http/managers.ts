import { isInside, parseCidrList } from "./cidr";
import { normaliseSourceIp } from "./client-ip";

// Parsed once per cold start: a bad MANAGER_CIDRS fails the function's init, not each request.
const managerBlocks = parseCidrList(process.env.MANAGER_CIDRS);

/** Whether the connection's address is inside one of `MANAGER_CIDRS`. */
export function isManager(sourceIp: string): boolean {
  return isInside(normaliseSourceIp(sourceIp), managerBlocks);
}
