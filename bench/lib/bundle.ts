/**
 * Builds the dashboard in memory (Vite, `write: false`) and measures what a
 * browser downloads: every chunk's raw, gzip and brotli size (at the levels
 * the server's compression uses), the initial load (the entry script, what it
 * imports statically, and their CSS) and, per page, what a first visit of
 * that page adds (the page's chunk and everything it imports, statically or
 * lazily, e.g. the chart parts its charts register). Sizes are deterministic
 * for a given source, so the bundle test checks the budget with them.
 */
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Rolldown } from 'vite';
import { WEB_ROOT } from '../../server/webBuild.ts';

export interface Sized {
  raw: number;
  gzip: number;
  br: number;
}

export interface ChunkSize extends Sized {
  file: string;
  /** True when the chunk holds ECharts (or its renderer, zrender) code. */
  echarts: boolean;
  /** The ECharts chart types (line, pie ...) whose code the chunk holds. */
  charts: string[];
}

export interface PageLoad extends Sized {
  /** The page component's name, e.g. OverviewPage. */
  page: string;
  /** The files the page adds to the initial load. */
  files: string[];
  echarts: boolean;
  charts: string[];
}

export interface BundleReport {
  chunks: ChunkSize[];
  initial: { script: Sized; css: Sized; files: string[] };
  pages: PageLoad[];
}

export function sizeOf(bytes: Uint8Array | string): Sized {
  const buf = typeof bytes === 'string' ? Buffer.from(bytes) : Buffer.from(bytes);
  return {
    raw: buf.length,
    // zlib's default level and brotli quality 4: what the `compression` middleware sends.
    gzip: gzipSync(buf).length,
    br: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }).length,
  };
}

const add = (a: Sized, b: Sized): Sized => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, br: a.br + b.br });
const ZERO: Sized = { raw: 0, gzip: 0, br: 0 };
const ECHARTS_MODULE = /[/\\]node_modules[/\\](echarts|zrender)[/\\]/;
/** A chart type's installer, the module `use` registers it with. */
const ECHARTS_CHART = /[/\\]node_modules[/\\]echarts[/\\]lib[/\\]chart[/\\](\w+)[/\\]install\.js$/;
const chartTypes = (moduleIds: readonly string[]) => [...new Set(moduleIds.map((m) => ECHARTS_CHART.exec(m)?.[1]).filter((c): c is string => !!c))].sort();

type Chunk = Rolldown.OutputChunk & { viteMetadata?: { importedCss: Set<string> } };

async function buildInMemory(): Promise<(Rolldown.OutputChunk | Rolldown.OutputAsset)[]> {
  const { build } = await import('vite');
  const out = await build({ configFile: path.join(WEB_ROOT, 'vite.config.ts'), logLevel: 'warn', build: { write: false } });
  const outputs = Array.isArray(out) ? out : [out];
  return outputs.flatMap((o) => ('output' in o ? o.output : []));
}

export async function measureBundle(): Promise<BundleReport> {
  const output = await buildInMemory();
  const chunks = new Map(output.filter((o): o is Chunk => o.type === 'chunk').map((c) => [c.fileName, c]));
  const assets = new Map(output.filter((o) => o.type === 'asset').map((a) => [a.fileName, sizeOf(a.source)]));
  const sizes = new Map<string, ChunkSize>(
    [...chunks.values()].map((c) => [
      c.fileName,
      { file: c.fileName, ...sizeOf(c.code), echarts: c.moduleIds.some((m) => ECHARTS_MODULE.test(m)), charts: chartTypes(c.moduleIds) },
    ]),
  );

  /**
   * The chunks reachable from `start` through static imports, and lazy ones too when asked;
   * chunks already `loaded` are not entered (the entry's lazy imports are the other pages).
   */
  const closure = (start: string, lazy: boolean, loaded = new Set<string>()): Set<string> => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file) || loaded.has(file)) return;
      seen.add(file);
      const c = chunks.get(file);
      if (!c) return;
      for (const f of c.imports) visit(f);
      if (lazy) for (const f of c.dynamicImports) visit(f);
    };
    visit(start);
    return seen;
  };
  const cssOf = (files: Iterable<string>) => new Set([...files].flatMap((f) => [...(chunks.get(f)?.viteMetadata?.importedCss ?? [])]));
  const total = (files: Iterable<string>, of: Map<string, Sized>) => [...files].reduce((s, f) => add(s, of.get(f) ?? ZERO), ZERO);

  const entry = [...chunks.values()].find((c) => c.isEntry);
  if (!entry) throw new Error('the build has no entry chunk');
  const initial = closure(entry.fileName, false);
  const initialCss = cssOf(initial);

  const pages = entry.dynamicImports.map((file): PageLoad => {
    const added = [...closure(file, true, initial)];
    const css = [...cssOf(added)].filter((f) => !initialCss.has(f));
    const facade = chunks.get(file)?.facadeModuleId ?? file;
    return {
      page: path.basename(facade).replace(/\.svelte$/, ''),
      files: [...added, ...css],
      ...add(total(added, sizes), total(css, assets)),
      echarts: added.some((f) => sizes.get(f)?.echarts),
      charts: [...new Set(added.flatMap((f) => sizes.get(f)?.charts ?? []))].sort(),
    };
  });

  return {
    chunks: [...sizes.values()].sort((a, b) => a.gzip - b.gzip),
    initial: { script: total(initial, sizes), css: total(initialCss, assets), files: [...initial, ...initialCss] },
    pages,
  };
}
