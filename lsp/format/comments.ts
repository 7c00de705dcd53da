// Comments for prettier: which nodes comments attach to (every AST node the
// printer prints through `print`, so an attached comment is always printed),
// how one comment prints (verbatim), the comments left inside an empty
// container ("dangling": `{ // nothing yet }`), and lists of siblings that
// keep the author's blank lines (at most one).
import { doc, util, type AstPath, type Doc } from "prettier";
import { compoundStmts, exprs, simpleStmts } from "./kinds.ts";
import type { WeftComment } from "./parse.ts";

const { hardline, indent, join, literalline, lineSuffix, breakParent } = doc.builders;

type Obj = Record<string, unknown>;
export type Print = (selector?: string | number | (string | number)[] | AstPath) => Doc;

/** Keys that never lead to child nodes (spans, the root's comments and text, an import's source). */
const notChildren = new Set(["span", "nameSpan", "opSpan", "pathSpan", "comments", "text", "source"]);

const isNode = (v: unknown): boolean =>
  typeof v === "object" && v !== null && !ArrayBuffer.isView(v) && typeof (v as Obj)["kind"] === "string";

/** The keys of `node` that hold child nodes (or lists of them). */
export function getVisitorKeys(node: Obj): string[] {
  return Object.keys(node).filter((k) => {
    if (notChildren.has(k)) return false;
    const v = node[k];
    return Array.isArray(v) ? v.length > 0 && isNode(v[0]) : isNode(v);
  });
}

export function canAttachComment(node: Obj): boolean {
  return isNode(node) && node["kind"] !== "Comment";
}

export function isBlockComment(c: WeftComment): boolean {
  return c.type === "BlockComment";
}

export function locStart(n: Obj): number {
  const s = n["span"] as { start: number } | undefined;
  return s ? s.start : (n["start"] as number);
}

export function locEnd(n: Obj): number {
  const s = n["span"] as { end: number } | undefined;
  return s ? s.end : (n["end"] as number);
}

/** A comment exactly as written (a line comment loses trailing blanks; a block comment keeps its lines). */
export function printComment(path: AstPath<WeftComment>): Doc {
  const c = path.node;
  if (c.type !== "BlockComment") return c.value.trimEnd();
  return join(literalline, c.value.split("\n"));
}

function dangling(node: Obj): WeftComment[] {
  const cs = node["comments"] as WeftComment[] | undefined;
  return cs ? cs.filter((c) => !c.leading && !c.trailing && !c.printed) : [];
}

export function hasDangling(node: Obj): boolean {
  return dangling(node).length > 0;
}

/**
 * The dangling comments of the current node, one per line (for the inside
 * of an empty block, contract, struct … or file). Marks them printed.
 */
export function printDanglingLines(path: AstPath): Doc {
  const parts: Doc[] = [];
  for (const c of dangling(path.node as Obj)) {
    c.printed = true;
    parts.push(printCommentDoc(c));
  }
  return join(hardline, parts);
}

/**
 * Dangling comments of a node that has no better place for them (`return
 * /* why *\/;`, `f(/* none *\/)`): after the node, as trailing comments.
 */
export function printDanglingAfter(path: AstPath): Doc {
  const parts: Doc[] = [];
  for (const c of dangling(path.node as Obj)) {
    c.printed = true;
    parts.push(c.type === "BlockComment" ? [" ", printCommentDoc(c)] : [lineSuffix([" ", printCommentDoc(c)]), breakParent]);
  }
  return parts;
}

/**
 * The dangling comments of a node with an empty list, inside its brackets
 * (`f(/* none *\/)`, `fn f(// later\n)`). Marks them printed.
 */
export function printDanglingInside(path: AstPath): Doc {
  const cs = dangling(path.node as Obj);
  for (const c of cs) c.printed = true;
  if (cs.length === 0) return "";
  const docs = cs.map(printCommentDoc);
  if (cs.every(isBlockComment)) return join(" ", docs);
  return [indent([hardline, join(hardline, docs)]), hardline];
}

/** Which list of a node its brackets hold, for comments written inside an empty one. */
const emptyLists: Record<string, [key: string, open: string, close: string]> = {
  Call: ["args", "(", ")"],
  Emit: ["args", "(", ")"],
  Fn: ["params", "(", ")"],
  Init: ["params", "(", ")"],
  Event: ["fields", "(", ")"],
  ErrorDecl: ["fields", "(", ")"],
  StructLit: ["fields", "{", "}"],
  Contract: ["members", "{", "}"],
  Interface: ["fns", "{", "}"],
  Struct: ["fields", "{", "}"],
  Enum: ["variants", "{", "}"],
};

interface AttachingComment extends WeftComment {
  enclosingNode?: Obj;
  precedingNode?: Obj;
  followingNode?: Obj;
}

/**
 * prettier's comment handler (every kind of comment): a comment inside an
 * empty list (`f(/* x *\/)`, `contract C { // todo }`) stays there, as a
 * dangling comment of the node, instead of sticking to the name before it.
 */
export function handleEmptyListComment(comment: AttachingComment, text: string): boolean {
  const node = comment.enclosingNode;
  const list = node ? emptyLists[node["kind"] as string] : undefined;
  if (!node || !list || (node[list[0]] as unknown[]).length > 0) return false;
  const from = comment.precedingNode ? locEnd(comment.precedingNode) : locStart(node);
  const gap = text.slice(from, comment.start);
  if (!gap.includes(list[1]) || gap.includes(list[2])) return false;
  return attach(node, comment, false, false);
}

/**
 * prettier's comment handler, for `//` comments that open a list or a body
 * (`fn f(// why\n a: u8)`, `-> bool // why\n{`). Left to prettier, such a
 * comment trails the name before it and is printed at the end of the line —
 * after the `{`, inside the body — and moves again on every run. Instead it
 * becomes a leading comment of what follows (a body's first statement).
 */
export function handleLineCommentBeforeList(comment: AttachingComment, text: string): boolean {
  const next = comment.followingNode;
  if (comment.type === "BlockComment" || !next) return false;
  const from = comment.precedingNode ? locEnd(comment.precedingNode) : comment.enclosingNode ? locStart(comment.enclosingNode) : 0;
  const before = text.slice(from, comment.start);
  const after = text.slice(comment.end, locStart(next));
  if (!/^[\s({[<]*$/.test(after)) return false;
  if (next["kind"] !== "Block") {
    // only the bracket of a list (not grouping parentheses), and `next` one of its elements
    const inList = Object.values(comment.enclosingNode ?? {}).some((v) => Array.isArray(v) && v.includes(next));
    if (!inList || (!/[({[<]/.test(before) && !/[({[<]/.test(after))) return false;
  }
  return next["kind"] === "Block" ? attachInBody(next, comment) : attach(next, comment, true);
}

/** `} // why\nelse {`: the comment goes into the `else` body, where it stays on later runs. */
export function handleLineCommentBeforeElse(comment: AttachingComment): boolean {
  const node = comment.enclosingNode;
  if (comment.type === "BlockComment" || !node || node["kind"] !== "If") return false;
  const orElse = node["else"] as Obj | null;
  if (!orElse || comment.precedingNode !== node["then"] || comment.followingNode !== orElse) return false;
  return attachInBody((orElse["kind"] === "Block" ? orElse : orElse["then"]) as Obj, comment);
}

/** A comment at the top of a block: leading its first statement, or alone inside it. */
function attachInBody(block: Obj, comment: WeftComment): boolean {
  const stmts = block["stmts"] as Obj[];
  return stmts.length === 0 ? attach(block, comment, false, false) : attach(stmts[0]!, comment, true);
}

/**
 * prettier's comment handler: a `//` comment just before the `;` that ends
 * a statement or declaration trails that whole statement (`x = a + b; // why`),
 * not its last operand (where it would break the line it sits in).
 */
export function handleLineCommentBeforeSemicolon(comment: AttachingComment, text: string): boolean {
  const node = comment.enclosingNode;
  if (comment.type === "BlockComment" || !node) return false;
  const semi = text.slice(comment.end).search(/\S/);
  if (semi < 0 || text[comment.end + semi] !== ";" || locEnd(node) !== comment.end + semi + 1) return false;
  comment.trailing = true;
  comment.leading = false;
  comment.printed = false;
  ((node["comments"] as WeftComment[] | undefined) ?? (node["comments"] = [])).push(comment);
  return true;
}

/**
 * prettier's comment handler, last resort for `//` comments inside
 * expressions where prettier would print code after them on the same line
 * and so move them on every run: right after a grouping `(` (`( // why⏎ a +
 * b) * c`) or right before a grouping `)`. Such a comment trails its
 * statement (`let`, assignment, `return` …) or leads it (`if`, `while`, `for`).
 */
export function handleLineCommentInExpression(comment: AttachingComment, text: string, ast: Obj): boolean {
  const node = comment.enclosingNode;
  if (comment.type === "BlockComment" || !node) return false;
  const inList = (n: Obj | undefined) => n !== undefined && Object.values(node).some((v) => Array.isArray(v) && v.includes(n));
  const next = comment.followingNode;
  const prev = comment.precedingNode;
  const leadsExpr = !prev && next !== undefined && exprs.has(next["kind"] as string) && !inList(next);
  const closesGroup = prev !== undefined && text.slice(comment.end).trimStart().startsWith(")") && !inList(prev);
  if (!leadsExpr && !closesGroup) return false;
  const stmt = statementAt(ast, comment.start);
  if (!stmt) return false;
  return attach(stmt, comment, compoundStmts.has(stmt["kind"] as string));
}

/** The innermost statement (or `state`/`const`) around `offset`. */
function statementAt(root: Obj, offset: number): Obj | null {
  let found: Obj | null = null;
  let node: Obj | undefined = root;
  while (node) {
    const kind = node["kind"] as string;
    if (simpleStmts.has(kind) || compoundStmts.has(kind)) found = node;
    let inner: Obj | undefined;
    for (const key of getVisitorKeys(node)) {
      const v = node[key];
      for (const c of (Array.isArray(v) ? v : [v]) as Obj[]) if (locStart(c) <= offset && offset < locEnd(c)) inner = c;
    }
    node = inner;
  }
  return found;
}

function attach(node: Obj, comment: WeftComment, leading: boolean, trailing = !leading): boolean {
  comment.leading = leading;
  comment.trailing = trailing;
  comment.printed = false;
  ((node["comments"] as WeftComment[] | undefined) ?? (node["comments"] = [])).push(comment);
  return true;
}

function printCommentDoc(c: WeftComment): Doc {
  return c.type === "BlockComment" ? join(literalline, c.value.split("\n")) : c.value.trimEnd();
}

/**
 * The nodes under `keys` (in order), one per line, with one blank line
 * wherever the author had at least one after a node.
 */
export function printLines(path: AstPath, print: Print, text: string, ...keys: string[]): Doc[] {
  const parts: Doc[] = [];
  let prevEnd = -1;
  for (const key of keys) {
    path.each((p) => {
      if (prevEnd >= 0) parts.push(util.isNextLineEmpty(text, prevEnd) ? [hardline, hardline] : hardline);
      parts.push(print());
      prevEnd = locEnd(p.node as Obj);
    }, key);
  }
  return parts;
}
