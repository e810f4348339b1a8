// The RDF dataset of a query: from the protocol (default-graph-uri, named-graph-uri), else FROM / FROM NAMED, else the service's default.

/** An RDF dataset named by the SPARQL 1.1 Protocol's parameters. */
export interface ProtocolDataset {
  /** default-graph-uri: their merge is the default graph (none given: an empty default graph). */
  defaultGraphs: string[];
  /** named-graph-uri: the named graphs (none given: no named graphs). */
  namedGraphs: string[];
}

/**
 * What the query worker is told: `union` (the service's default: the merge of every graph as the
 * default graph, every graph named), `query` (the query's own FROM / FROM NAMED), or the protocol's graphs.
 */
export type WorkerDataset = 'union' | 'query' | { default: string[]; named: string[] };

/** The protocol's dataset wins over the query's, which wins over the service's default (SPARQL 1.1 Protocol §2.1.4). */
export function datasetFor(query: string, protocol: ProtocolDataset | undefined): WorkerDataset {
  if (protocol && (protocol.defaultGraphs.length > 0 || protocol.namedGraphs.length > 0)) return { default: protocol.defaultGraphs, named: protocol.namedGraphs };
  return hasDatasetClause(query) ? 'query' : 'union';
}

/**
 * Whether a query names its dataset (FROM or FROM NAMED). FROM is a keyword only there; the scan skips
 * comments, strings and IRIs, and words that are part of a variable or a prefixed name.
 */
export function hasDatasetClause(query: string): boolean {
  // eslint-disable-next-line no-control-regex -- an IRIREF excludes the control characters (SPARQL 1.1 grammar [139])
  const token = /#[^\n\r]*|"""[\s\S]*?"""|'''[\s\S]*?'''|"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*'|<[^<>"{}|^`\\\x00-\x20]*>|[?$][\w\u00b7\u00c0-\uffff]+|[\w\u00c0-\uffff.-]*:[\w\u00c0-\uffff.%\\-]*|\bFROM\b/giy;
  for (let i = 0; i < query.length; ) {
    token.lastIndex = i;
    const match = token.exec(query);
    if (!match) {
      i++;
      continue;
    }
    if (match[0].toUpperCase() === 'FROM') return true;
    i = token.lastIndex;
  }
  return false;
}
