/**
 * Test support: the shape of a Python file with every constant (string, number, None) blanked, read by Python's
 * own parser. Two exports that differ only in the text of names, dates or formulas must have the
 * same shape; a string that escaped its literal (an injected statement) changes it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SHAPE = `
import ast, sys
class Blank(ast.NodeTransformer):
    def visit_UnaryOp(self, node):
        self.generic_visit(node)
        return ast.Constant(value="") if isinstance(node.operand, ast.Constant) else node
    def visit_Constant(self, node):
        return ast.Constant(value="")
tree = Blank().visit(ast.parse(open(sys.argv[1], encoding="utf-8").read()))
print(ast.dump(tree))
`;

const dir = mkdtempSync(join(tmpdir(), 'hostile-py-'));
let count = 0;

/** ast.dump of the file with strings blanked; throws with Python's message when it does not parse. */
export function pythonShape(source: string): string {
  const path = join(dir, `f${count++}.py`);
  writeFileSync(path, source);
  const r = spawnSync('python3', ['-c', SHAPE, path], { encoding: 'utf8', maxBuffer: 256 << 20 });
  if (r.status !== 0) throw new Error(`python3 cannot parse the export:\n${r.stderr}`);
  return r.stdout;
}
