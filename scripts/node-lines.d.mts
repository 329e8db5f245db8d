/** The Node.js lines tested besides the machine's own, each with the path of its `node` binary. */
export function otherNodeLines(): { name: string; version: string; node: string }[];
