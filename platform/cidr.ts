/** Pure subnet planning: one private subnet per AZ, carved from the VPC CIDR. */
export function ipv4ToInt(ip: string): number {
  return ip.split(".").reduce((acc, o) => acc * 256 + Number(o), 0);
}

export function intToIpv4(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".");
}

/** Splits `cidr` into `count` equal subnets 4 bits longer than the VPC prefix (a /16 gives /20s). */
export function planSubnets(cidr: string, count: number): string[] {
  const [base, prefixText] = cidr.split("/");
  const prefix = Number(prefixText);
  const subnetPrefix = prefix + 4;
  if (count > 16) throw new Error(`cannot carve ${count} subnets from ${cidr}: at most 16`);
  const start = ipv4ToInt(base) - (ipv4ToInt(base) % 2 ** (32 - prefix));
  const size = 2 ** (32 - subnetPrefix);
  return Array.from({ length: count }, (_, i) => `${intToIpv4(start + i * size)}/${subnetPrefix}`);
}
