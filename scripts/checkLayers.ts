/**
 * Checks the layer rules (scripts/layerRules.ts) on the working tree: reads
 * every .ts and .svelte file git knows of (tracked or new, not ignored), finds
 * its imports with the TypeScript parser and prints each broken rule as
 * `file -> imported file: rule`. Exits 1 when there is any.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { CHECKED, cycleViolations, importViolations, sqlCallViolations, type Import, type SqlCall, type Violation } from './layerRules.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SQL_METHODS = new Set(['query', 'command', 'insert', 'exec']);

/** The script blocks of a Svelte component, blank elsewhere so positions keep their lines. */
function scriptOf(file: string, text: string): string {
  if (!file.endsWith('.svelte')) return text;
  return text.replace(/<script\b[^>]*>([\s\S]*?)<\/script>|[^\n]/g, (whole, body: string | undefined) => body ?? (whole === '\n' ? '\n' : ' '));
}

function resolve(from: string, specifier: string): string {
  const base = path.posix.join(path.posix.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}/index.ts`]) {
    const abs = path.join(ROOT, candidate);
    if (existsSync(abs) && statSync(abs).isFile()) return candidate;
  }
  return base;
}

function scan(file: string): { imports: Import[]; sqlCalls: SqlCall[] } {
  const source = ts.createSourceFile(file, scriptOf(file, readFileSync(path.join(ROOT, file), 'utf8')), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const imports: Import[] = [];
  const sqlCalls: SqlCall[] = [];
  const add = (specifier: ts.Expression | undefined, typeOnly: boolean) => {
    if (!specifier || !ts.isStringLiteralLike(specifier)) return;
    const external = !specifier.text.startsWith('.');
    imports.push({ from: file, to: external ? specifier.text : resolve(file, specifier.text), typeOnly, external });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
      const everyNameTyped = !!named && named.length > 0 && !clause?.name && named.every((e) => e.isTypeOnly);
      add(node.moduleSpecifier, !!clause && (clause.isTypeOnly || everyNameTyped));
    } else if (ts.isExportDeclaration(node)) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : undefined;
      add(node.moduleSpecifier, node.isTypeOnly || (!!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal as ts.Expression, true);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node.arguments[0], false);
    } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const { expression: target, name } = node.expression;
      if (SQL_METHODS.has(name.text) && ts.isPropertyAccessExpression(target) && target.name.text === 'client') {
        sqlCalls.push({ file, call: `${target.getText(source)}.${name.text}` });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { imports, sqlCalls };
}

const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '--', ...CHECKED], { cwd: ROOT, encoding: 'utf8' })
  .split('\n')
  .filter((f) => /\.(ts|svelte)$/.test(f) && existsSync(path.join(ROOT, f)));
const scanned = files.map(scan);
const imports = scanned.flatMap((s) => s.imports);
const violations: Violation[] = [...importViolations(imports), ...sqlCallViolations(scanned.flatMap((s) => s.sqlCalls)), ...cycleViolations(imports)];

for (const v of violations.sort((a, b) => a.rule.localeCompare(b.rule) || a.from.localeCompare(b.from) || a.to.localeCompare(b.to))) {
  console.log(`${v.from} -> ${v.to}: ${v.rule}`);
}
const perRule = new Map<string, number>();
for (const v of violations) {
  const rule = v.rule.replace(/ \(.*$/, '');
  perRule.set(rule, (perRule.get(rule) ?? 0) + 1);
}
console.log(
  violations.length === 0
    ? `layers: ${files.length} files, ${imports.length} imports, every rule kept`
    : `layers: ${violations.length} violation(s) in ${files.length} files: ${[...perRule].map(([r, n]) => `${n} ${r}`).join('; ')}`,
);
process.exitCode = violations.length === 0 ? 0 : 1;
