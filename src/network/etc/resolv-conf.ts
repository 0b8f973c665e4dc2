/** The parts of a resolv.conf berth reads and writes. */
export interface ResolvConf {
  nameservers: string[];
  search: string[];
  options: string[];
}

/** Renders a resolv.conf: nameserver lines, then one search line and one options line when not empty. */
export function renderResolvConf(input: {
  nameservers: readonly string[];
  search: readonly string[];
  options: readonly string[];
}): string {
  const lines = [
    ...input.nameservers.map((ns) => `nameserver ${ns}`),
    ...(input.search.length > 0 ? [`search ${input.search.join(" ")}`] : []),
    ...(input.options.length > 0 ? [`options ${input.options.join(" ")}`] : []),
  ];
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}

/** Parses resolv.conf text: nameservers in order, the last search (or domain) line, all options. */
export function parseResolvConf(text: string): ResolvConf {
  const result: ResolvConf = { nameservers: [], search: [], options: [] };
  for (const raw of text.split("\n")) {
    const line = raw.replace(/[#;].*$/, "").trim();
    const [keyword, ...values] = line.split(/\s+/);
    if (keyword === "nameserver" && values[0] !== undefined) result.nameservers.push(values[0]);
    else if (keyword === "search") result.search = values;
    else if (keyword === "domain" && values[0] !== undefined) result.search = [values[0]];
    else if (keyword === "options") result.options.push(...values);
  }
  return result;
}
