/**
 * Checks the code blocks of every rule's docs: all of them parse, the Correct ones type-check against the
 * real runtime types, Incorrect blocks make the rule report and Correct blocks do not.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { lintSource } from '../engine/lint-source';
import { RULES } from './index';

const ROOT = resolve(__dirname, '..', '..', '..', '..');
const DOCS_ENV = join(ROOT, 'test-fixtures', 'lint', 'docs');
const VIRTUAL_DIR = join(ROOT, 'test-fixtures', 'lint', 'docs', 'blocks');

interface Block {
  readonly section: 'Incorrect' | 'Correct';
  readonly code: string;
  readonly fileName: string;
}

function blocksOf(id: string): Block[] {
  const text = readFileSync(join(ROOT, 'server', 'src', 'rules', `${id}.md`), 'utf8');
  const blocks: Block[] = [];
  for (const section of ['Incorrect', 'Correct'] as const) {
    const start = text.indexOf(`\n## ${section}\n`);
    const end = text.indexOf('\n## ', start + 4);
    const body = text.slice(start, end === -1 ? undefined : end);
    [...body.matchAll(/```(ts|js|python)\n([\s\S]*?)```/g)].forEach((m, i) => {
      const ext = m[1] === 'python' ? 'py' : (m[1] ?? 'ts');
      blocks.push({ section, code: m[2] ?? '', fileName: join(VIRTUAL_DIR, `${id}-${section.toLowerCase()}-${i}.${ext}`) });
    });
  }
  return blocks;
}

const ALL = RULES.map((rule) => ({ rule, blocks: blocksOf(rule.meta.id) }));

/** One program over every block, `statscope` mapped to the docs environment. */
function typeCheck(blocks: readonly Block[]): Map<string, string[]> {
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    types: ['node'],
    skipLibCheck: true,
    baseUrl: ROOT,
    paths: { statscope: [join(DOCS_ENV, 'statscope.d.ts')] },
    typeRoots: [join(ROOT, 'node_modules', '@types')],
  };
  const host = ts.createCompilerHost(options);
  const byName = new Map(blocks.map((b) => [b.fileName, b.code]));
  const readFile = host.readFile.bind(host);
  host.readFile = (f) => byName.get(f) ?? readFile(f);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (f) => byName.has(f) || fileExists(f);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (f, v, onError) => {
    const code = byName.get(f);
    return code !== undefined ? ts.createSourceFile(f, code, v, true) : getSourceFile(f, v, onError);
  };
  const program = ts.createProgram([...byName.keys()], options, host);
  const result = new Map<string, string[]>();
  for (const b of blocks) {
    const sf = program.getSourceFile(b.fileName);
    assert.ok(sf, `no source file for ${b.fileName}`);
    const diagnostics = [...program.getSyntacticDiagnostics(sf), ...(b.section === 'Correct' ? program.getSemanticDiagnostics(sf) : [])];
    result.set(b.fileName, diagnostics.map((d) => `${d.start === undefined ? '' : `${sf.getLineAndCharacterOfPosition(d.start).line + 1}: `}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`));
  }
  return result;
}

describe('rule docs code blocks', function () {
  this.timeout(60_000);
  let diagnostics = new Map<string, string[]>();
  before(() => {
    // Python blocks are linted, not type-checked.
    diagnostics = typeCheck(ALL.flatMap((r) => r.blocks.filter((b) => !b.fileName.endsWith('.py'))));
  });

  for (const { rule, blocks } of ALL) {
    describe(rule.meta.id, () => {
      it('has at least one Incorrect and one Correct block', () => {
        assert.ok(blocks.some((b) => b.section === 'Incorrect'));
        assert.ok(blocks.some((b) => b.section === 'Correct'));
      });
      for (const block of blocks) {
        const isPython = block.fileName.endsWith('.py');
        const checked = isPython ? 'parses' : block.section === 'Correct' ? 'type-checks' : 'parses';
        it(`${isPython ? 'Python ' : ''}${block.section} block ${checked} and ${block.section === 'Correct' ? 'passes' : 'fails'} the rule`, () => {
          if (!isPython) assert.deepEqual(diagnostics.get(block.fileName), []);
          const found = lintSource(block.fileName, block.code, { rules: [rule], onRuleError: (_id, e) => { throw e; } });
          if (block.section === 'Incorrect') assert.ok(found.length > 0, 'the Incorrect example does not trigger the rule');
          else assert.deepEqual(found.map((d) => d.message), []);
        });
      }
    });
  }
});
