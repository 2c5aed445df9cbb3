/**
 * Heuristics for values with unbounded cardinality: ids, timestamps, random values, raw URLs and paths,
 * request data, and strings built from them. Used for label values and span names.
 */
import ts from 'typescript';
import { unwrap } from './ast-utils';

/** Last name segments that hold ids, times, addresses or free text. */
const UNBOUNDED_NAMES = new Set([
  'id',
  'ids',
  'uuid',
  'guid',
  'timestamp',
  'ts',
  'time',
  'date',
  'datetime',
  'now',
  'url',
  'uri',
  'href',
  'originalurl',
  'pathname',
  'path',
  'query',
  'querystring',
  'search',
  'email',
  'ip',
  'ipaddress',
  'remoteaddress',
  'useragent',
  'token',
  'message',
  'stack',
]);

/** Objects whose properties are raw request input. */
const REQUEST_DATA = new Set(['params', 'query', 'body', 'headers', 'cookies', 'searchParams']);

/** Calls that produce a fresh value each time. */
const FRESH_CALLS: ReadonlyMap<string, string> = new Map(Object.entries({
  'Date.now': 'a timestamp',
  'performance.now': 'a timestamp',
  'Math.random': 'a random number',
  'crypto.randomUUID': 'a random id',
  randomUUID: 'a random id',
  uuid: 'a random id',
  uuidv4: 'a random id',
  v4: 'a random id',
  nanoid: 'a random id',
  toISOString: 'a timestamp',
  getTime: 'a timestamp',
  'process.hrtime': 'a timestamp',
}));

/** Calls that pass their receiver or argument through as text. */
const PASS_THROUGH = new Set(['String', 'toString', 'encodeURIComponent', 'encodeURI', 'trim', 'toLowerCase', 'toUpperCase', 'slice', 'substring', 'join', 'JSON.stringify']);

/** Why an expression's values are unbounded, or undefined when nothing suggests it. */
export function unboundedSource(node: ts.Expression, depth = 0): string | undefined {
  if (depth > 8) return undefined;
  const e = unwrap(node);
  if (ts.isStringLiteralLike(e) || ts.isNumericLiteral(e)) return undefined;
  if (ts.isTemplateExpression(e)) return firstOf(e.templateSpans.map((s) => s.expression), depth);
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) return firstOf([e.left, e.right], depth);
  if (ts.isConditionalExpression(e)) return firstOf([e.whenTrue, e.whenFalse], depth);
  if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.BarBarToken || e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) return firstOf([e.left, e.right], depth);
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'Date') return 'a timestamp';
  if (ts.isCallExpression(e)) return callSource(e, depth);
  if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) return accessSource(e);
  return undefined;
}

function firstOf(nodes: readonly ts.Expression[], depth: number): string | undefined {
  for (const n of nodes) {
    const found = unboundedSource(n, depth + 1);
    if (found) return found;
  }
  return undefined;
}

function callSource(call: ts.CallExpression, depth: number): string | undefined {
  const callee = dottedName(call.expression);
  const last = callee?.split('.').pop();
  const fresh = callee === undefined ? undefined : (FRESH_CALLS.get(callee) ?? (last === undefined ? undefined : FRESH_CALLS.get(last)));
  if (fresh !== undefined) return fresh;
  if (callee !== undefined && (PASS_THROUGH.has(callee) || (last !== undefined && PASS_THROUGH.has(last)))) {
    const receiver = ts.isPropertyAccessExpression(call.expression) ? [call.expression.expression] : [];
    return firstOf([...receiver, ...call.arguments], depth);
  }
  return undefined;
}

/** `req.params.id`, `user.id`, `requestId`, `req.url`, `headers['x-request-id']`. */
function accessSource(node: ts.Expression): string | undefined {
  const chain = accessChain(node);
  if (chain.length === 0) return undefined;
  if (chain.some((s) => s.toLowerCase() === 'route')) return undefined; // express `req.route.path` is the route template
  const lastSegment = chain[chain.length - 1] ?? '';
  // A lone `path` is as often a route template (`/api/admin`) as a raw path; on a request object it is raw.
  if (chain.length === 1 && /path(?:name)?$/i.test(lastSegment)) return undefined;
  if (isIdLike(lastSegment)) return `'${chain.join('.')}' (${whatItHolds(lastSegment)})`;
  const dataIndex = chain.findIndex((s) => REQUEST_DATA.has(s));
  if (dataIndex > 0 || (dataIndex === 0 && chain.length > 1)) return `'${chain.join('.')}' (request data)`;
  return undefined;
}

/**
 * Ids of kinds of things (an OpenAPI `operationId`, a `modelId`, a `routeId`) name one of a fixed set, unlike
 * ids of instances (`userId`, `requestId`).
 */
const KIND_ID = /(?:operation|op|model|provider|route|schema|function|tool|handler|method|service|component|type|kind|template|event|metric|span)_?(?:id|name)$/i;

/** True for names such as `id`, `userId`, `user_id`, `requestUUID`, `createdAt`, `url`. */
export function isIdLike(name: string): boolean {
  if (KIND_ID.test(name)) return false;
  const lower = name.toLowerCase();
  if (UNBOUNDED_NAMES.has(lower)) return true;
  if (/(?:Id|ID|Ids|Uuid|UUID|Url|URL|Uri|Path|Email|Token|Timestamp|At)$/.test(name) && name.length > 2) return true;
  return /_(?:id|ids|uuid|url|uri|path|email|token|timestamp|at|ts)$/.test(lower);
}

/** The names along a property/element access chain (`req.headers['x-id']` → [req, headers, x-id]). */
function accessChain(node: ts.Expression): string[] {
  const e = unwrap(node);
  if (ts.isIdentifier(e)) return [e.text];
  if (ts.isPropertyAccessExpression(e)) {
    const base = accessChain(e.expression);
    return [...base, e.name.text];
  }
  if (ts.isElementAccessExpression(e)) {
    const base = accessChain(e.expression);
    const arg = unwrap(e.argumentExpression);
    return ts.isStringLiteralLike(arg) ? [...base, arg.text] : base.length > 0 ? [...base, '[]'] : [];
  }
  if (ts.isCallExpression(e)) return accessChain(e.expression);
  return [];
}

/** `a.b.c` for identifiers and property accesses; undefined otherwise. */
export function dottedName(node: ts.Expression): string | undefined {
  const e = unwrap(node);
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) {
    const base = dottedName(e.expression);
    return base === undefined ? e.name.text : `${base}.${e.name.text}`;
  }
  return undefined;
}

/** Request fields from a small fixed set: `${req.method} ${route}` is the HTTP span name convention. */
const BOUNDED_REQUEST_FIELDS = new Set(['method', 'protocol', 'httpVersion', 'statusCode', 'secure']);

/** Objects that hold raw request input: `req.url`, `request.path`. */
const REQUEST_OBJECTS = new Set(['req', 'request', 'incomingMessage']);

/**
 * The part of {@link unboundedSource} that does not guess from names: request objects and their data, fresh
 * values (timestamps, random ids). For the targets of `{operation} {target}` span names, which the OpenTelemetry
 * conventions fill with low-cardinality values (a route template, a table, a model) whatever they are called.
 */
export function requestOrFreshSource(node: ts.Expression): string | undefined {
  const e = unwrap(node);
  if (ts.isCallExpression(e)) {
    const callee = dottedName(e.expression);
    const last = callee?.split('.').pop();
    return callee === undefined ? undefined : (FRESH_CALLS.get(callee) ?? (last === undefined ? undefined : FRESH_CALLS.get(last)));
  }
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'Date') return 'a timestamp';
  const chain = accessChain(e);
  if (chain.length < 2 || chain.some((s) => s.toLowerCase() === 'route')) return undefined;
  const last = chain[chain.length - 1] ?? '';
  if (BOUNDED_REQUEST_FIELDS.has(last)) return undefined;
  if (!REQUEST_OBJECTS.has(chain[0] ?? '') && !chain.slice(1).some((s) => REQUEST_DATA.has(s))) return undefined;
  return isIdLike(last) ? `'${chain.join('.')}' (${whatItHolds(last)})` : `'${chain.join('.')}' (request data)`;
}

/** What an id-like name holds, for messages: a request URL, a user id, a timestamp... */
export function whatItHolds(name: string): string {
  const lower = name.toLowerCase();
  if (/(url|uri|href)$/.test(lower)) return 'a URL';
  if (/path(name)?$/.test(lower)) return 'a request path';
  if (/(uuid|guid)$/.test(lower)) return 'a UUID';
  if (/(timestamp|time|date|datetime|now|_at|_ts)$/.test(lower) || (/At$/.test(name) && name.length > 2) || lower === 'ts') return 'a timestamp';
  if (/email$/.test(lower)) return 'an email address';
  if (/(^ip|ipaddress|remoteaddress)$/.test(lower)) return 'an IP address';
  if (/token$/.test(lower)) return 'a token';
  if (/(message|stack|useragent|query|querystring|search)$/.test(lower)) return 'free text';
  const owner = name.replace(/_?(ids?|Ids?|IDs?)$/, '');
  if (owner === '' || owner === name) return 'an id';
  const words = owner.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
  return `${/^[aeiou]/.test(words) ? 'an' : 'a'} ${words} id`;
}
