/** {@link unboundedSource} for Python expressions: ids, timestamps, random values, raw URLs and request data. */
import type { SyntaxNode } from '@lezer/common';
import { isIdLike, whatItHolds } from '../engine/unbounded';
import type { PythonTree } from './parse-python';
import { childrenOf, dottedName, textOf } from './syntax';

const FRESH_CALLS: ReadonlyMap<string, string> = new Map(Object.entries({
  'time.time': 'a timestamp',
  'time.time_ns': 'a timestamp',
  'time.monotonic': 'a timestamp',
  'time.perf_counter': 'a timestamp',
  'datetime.now': 'a timestamp',
  'datetime.utcnow': 'a timestamp',
  'datetime.datetime.now': 'a timestamp',
  isoformat: 'a timestamp',
  'uuid.uuid4': 'a random id',
  'uuid.uuid1': 'a random id',
  uuid4: 'a random id',
  'random.random': 'a random number',
  'random.randint': 'a random number',
  'secrets.token_hex': 'a random id',
}));

/** Calls that pass their receiver or arguments through as text. */
const PASS_THROUGH = new Set(['str', 'repr', 'format', 'lower', 'upper', 'strip', 'join', 'json.dumps']);
/** Attributes of web framework request objects that hold raw input. */
const REQUEST_DATA = new Set(['args', 'form', 'json', 'query_params', 'path_params', 'headers', 'cookies', 'params', 'query', 'body', 'data', 'GET', 'POST']);

/** Why a Python expression's values are unbounded, or undefined when nothing suggests it. */
export function pythonUnboundedSource(file: PythonTree, node: SyntaxNode, depth = 0): string | undefined {
  if (depth > 8) return undefined;
  switch (node.name) {
    case 'String':
    case 'Number':
      return undefined;
    case 'FormatString':
      return firstOf(file, childrenOf(node).flatMap((r) => (r.name === 'FormatReplacement' ? childrenOf(r).filter((c) => !['{', '}', ':', 'FormatSpec', 'FormatConversion'].includes(c.name)) : [])), depth);
    case 'ContinuedString':
    case 'BinaryExpression':
    case 'ConditionalExpression':
    case 'ParenthesizedExpression':
      return firstOf(file, childrenOf(node), depth);
    case 'CallExpression':
      return callSource(file, node, depth);
    case 'VariableName':
    case 'MemberExpression':
      return accessSource(file, node);
    default:
      return undefined;
  }
}

function firstOf(file: PythonTree, nodes: readonly SyntaxNode[], depth: number): string | undefined {
  for (const n of nodes) {
    const found = pythonUnboundedSource(file, n, depth + 1);
    if (found) return found;
  }
  return undefined;
}

function callSource(file: PythonTree, call: SyntaxNode, depth: number): string | undefined {
  const calleeNode = call.firstChild;
  const callee = calleeNode ? dottedName(file, calleeNode) : undefined;
  const last = callee?.split('.').pop();
  const fresh = callee === undefined ? undefined : (FRESH_CALLS.get(callee) ?? FRESH_CALLS.get(callee.split('.').slice(-2).join('.')) ?? (last === undefined ? undefined : FRESH_CALLS.get(last)));
  if (fresh !== undefined) return fresh;
  if (callee !== undefined && (PASS_THROUGH.has(callee) || (last !== undefined && PASS_THROUGH.has(last)))) {
    const receiver = calleeNode?.name === 'MemberExpression' && calleeNode.firstChild ? [calleeNode.firstChild] : [];
    const args = call.lastChild ? childrenOf(call.lastChild).filter((c) => !['(', ')', ','].includes(c.name)) : [];
    return firstOf(file, [...receiver, ...args], depth);
  }
  return undefined;
}

/** `request.args["user_id"]`, `user.id`, `request_id`, `request.url`. */
function accessSource(file: PythonTree, node: SyntaxNode): string | undefined {
  const chain = accessChain(file, node);
  if (chain.length === 0 || chain.some((s) => s.toLowerCase() === 'route')) return undefined;
  const last = chain[chain.length - 1] ?? '';
  if (chain.length === 1 && /path(?:name)?$/i.test(last)) return undefined;
  if (isIdLike(last)) return `'${chain.join('.')}' (${whatItHolds(last)})`;
  const dataIndex = chain.findIndex((s) => REQUEST_DATA.has(s));
  if (dataIndex > 0 && /^(?:req|request)$/.test(chain[0] ?? '')) return `'${chain.join('.')}' (request data)`;
  return undefined;
}

function accessChain(file: PythonTree, node: SyntaxNode): string[] {
  const out: string[] = [];
  let current: SyntaxNode | null = node;
  for (let i = 0; current && i < 32; i++) {
    if (current.name === 'VariableName') {
      out.unshift(textOf(file, current));
      return out;
    }
    if (current.name !== 'MemberExpression') return [];
    const kids = childrenOf(current);
    const property = current.lastChild;
    if (property?.name === 'PropertyName') out.unshift(textOf(file, property));
    else if (kids[1]?.name === '[' && kids[2]?.name === 'String') out.unshift(textOf(file, kids[2]).slice(1, -1));
    else out.unshift('[]');
    current = current.firstChild;
  }
  return [];
}
