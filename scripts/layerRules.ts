/**
 * The layer rules of docs and README, as data: which folder may import which.
 * Paths are relative to the repository root with forward slashes; a package
 * or a Node built-in is given by its specifier (`express`, `node:fs`).
 */

export interface Import {
  from: string;
  to: string;
  /** `import type`, `export type` or every name marked `type`: erased at build time. */
  typeOnly: boolean;
  /** The specifier does not start with '.': a package or a Node built-in. */
  external: boolean;
}

/** A call of the engine client's SQL API (`db.client.query(...)`) found in a source file. */
export interface SqlCall {
  file: string;
  call: string;
}

export interface Violation {
  from: string;
  to: string;
  rule: string;
}

/** The folders whose imports are checked; tests and benchmarks may reach into any layer. */
export const CHECKED = ['contract/', 'server/', 'jobs/', 'scripts/', 'web/'];

/** The helpers that run SQL: every query goes through them (or through the client in server/db). */
export const SQL_HELPERS = 'server/db/query.ts';
const SQL_LAYERS = ['server/queries/', 'server/db/'];
const NODE_BUILTIN = /^node:/;

const under = (file: string, ...dirs: string[]) => dirs.some((d) => file.startsWith(d));

export function importViolations(imports: Import[]): Violation[] {
  const out: Violation[] = [];
  const add = (i: Import, rule: string) => out.push({ from: i.from, to: i.to, rule });
  for (const i of imports) {
    if (!under(i.from, ...CHECKED)) continue;
    if (under(i.from, 'server/routes/') && under(i.to, 'server/db/')) add(i, 'routes never import server/db (not even types)');
    if (i.to === SQL_HELPERS && !i.typeOnly && !under(i.from, ...SQL_LAYERS)) add(i, 'only server/queries and server/db run SQL');
    if (under(i.from, 'web/') && under(i.to, 'server/', 'jobs/', 'scripts/', 'bench/', 'test/')) add(i, 'web imports only web and contract');
    if (under(i.from, 'contract/') && (i.external ? NODE_BUILTIN.test(i.to) : !under(i.to, 'contract/'))) {
      add(i, 'contract imports only contract (and no Node built-in: the browser loads it)');
    }
  }
  return out;
}

export function sqlCallViolations(calls: SqlCall[]): Violation[] {
  return calls
    .filter((c) => under(c.file, ...CHECKED) && !under(c.file, ...SQL_LAYERS))
    .map((c) => ({ from: c.file, to: 'server/db/client.ts', rule: `only server/queries and server/db run SQL (${c.call})` }));
}

/**
 * One line per import cycle among the checked folders (type-only imports count:
 * a cycle of type files is still a tangle to read). Each strongly connected
 * group of files is reported once, by its shortest cycle through its first file.
 */
export function cycleViolations(imports: Import[]): Violation[] {
  const graph = new Map<string, string[]>();
  for (const i of imports) {
    if (i.external || !under(i.from, ...CHECKED) || !under(i.to, ...CHECKED)) continue;
    graph.set(i.from, [...(graph.get(i.from) ?? []), i.to]);
  }
  const out: Violation[] = [];
  for (const group of stronglyConnected(graph)) {
    const members = new Set(group);
    const start = [...group].sort()[0];
    const cycle = shortestCycle(graph, start, members);
    if (!cycle) continue;
    const extra = group.length > cycle.length - 1 ? `; ${group.length} files in the tangle` : '';
    out.push({ from: cycle[0], to: cycle[1], rule: `no import cycles (${cycle.join(' -> ')}${extra})` });
  }
  return out;
}

/** Tarjan's algorithm, iterative; groups of one file count only when the file imports itself. */
function stronglyConnected(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const groups: string[][] = [];
  let next = 0;
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work: { node: string; edge: number }[] = [{ node: root, edge: 0 }];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const top = work[work.length - 1];
      const edges = graph.get(top.node) ?? [];
      if (top.edge < edges.length) {
        const to = edges[top.edge++];
        if (!index.has(to)) {
          index.set(to, next);
          low.set(to, next++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, edge: 0 });
        } else if (onStack.has(to)) {
          low.set(top.node, Math.min(low.get(top.node)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.node)!));
      }
      if (low.get(top.node) === index.get(top.node)) {
        const group: string[] = [];
        let n: string;
        do {
          n = stack.pop()!;
          onStack.delete(n);
          group.push(n);
        } while (n !== top.node);
        if (group.length > 1 || edges.includes(top.node)) groups.push(group);
      }
    }
  }
  return groups;
}

/** Breadth-first within the group: the shortest path from `start` back to itself. */
function shortestCycle(graph: Map<string, string[]>, start: string, members: Set<string>): string[] | undefined {
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const to of [...(graph.get(node) ?? [])].sort()) {
      if (!members.has(to)) continue;
      if (to === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(previous.get(path[0])!);
        return [...path, start];
      }
      if (previous.has(to)) continue;
      previous.set(to, node);
      queue.push(to);
    }
  }
  return undefined;
}
