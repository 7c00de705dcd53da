// The completion items themselves: keywords and snippets by position (file
// level, contract level, statements), type names, declarations, locals,
// built-ins and members. Each item has a kind, a `detail` (its type or
// signature) and the declaration's doc comment as documentation.
import { CompletionItemKind, InsertTextFormat, type CompletionItem } from "vscode-languageserver";
import type { LocalInfo } from "../../../compiler/types/model.ts";
import { typeToString } from "../../../compiler/types/model.ts";
import type * as ast from "../../../compiler/syntax/ast.ts";
import type { Sym } from "./scope.ts";
import { fnLabel, type Member } from "./scope-types.ts";

function docs(text: string | null | undefined): Pick<CompletionItem, "documentation"> {
  return text ? { documentation: { kind: "markdown", value: text } } : {};
}

export function keywordItems(words: readonly string[]): CompletionItem[] {
  return words.map((w) => ({ label: w, kind: CompletionItemKind.Keyword }));
}

function snippet(label: string, body: string, detail: string): CompletionItem {
  return { label, kind: CompletionItemKind.Snippet, insertText: body, insertTextFormat: InsertTextFormat.Snippet, detail };
}

export const TOP_KEYWORDS = ["contract", "interface", "struct", "enum", "event", "error", "const", "use", "import"] as const;
export const CONTRACT_KEYWORDS = ["state", "const", "fn", "pub", "view", "reentrant", "init", "event", "error", "struct", "enum"] as const;
export const STATEMENT_KEYWORDS = ["let", "mut", "if", "else", "while", "for", "return", "emit", "revert", "unchecked", "break", "continue"] as const;
export const EXPRESSION_KEYWORDS = ["self", "true", "false"] as const;

export const TOP_SNIPPETS: CompletionItem[] = [
  snippet("contract", "contract ${1:Name} {\n\tstate ${2:owner}: ${3:address};\n\n\tinit() {\n\t\tself.${2:owner} = msg.sender;\n\t}\n$0\n}", "contract skeleton"),
  snippet("interface", "interface ${1:Name} {\n\tfn ${2:name}(${3}) -> ${4:u256};\n}", "interface declaration"),
  snippet("event", "event ${1:Name}(${2:indexed who: address});", "event declaration"),
  snippet("error", "error ${1:Name}(${2});", "error declaration"),
];

export const CONTRACT_SNIPPETS: CompletionItem[] = [
  snippet("fn", "fn ${1:name}(${2}) {\n\t$0\n}", "internal function"),
  snippet("pub fn", "pub fn ${1:name}(${2}) {\n\t$0\n}", "public function"),
  snippet("pub view fn", "pub view fn ${1:name}(${2}) -> ${3:u256} {\n\t$0\n}", "public view function"),
  snippet("init", "init(${1}) {\n\t$0\n}", "constructor"),
  snippet("event", "event ${1:Name}(${2:indexed who: address});", "event declaration"),
  snippet("error", "error ${1:Name}(${2});", "error declaration"),
  snippet("state", "state ${1:name}: ${2:u256};", "state variable"),
];

export const STATEMENT_SNIPPETS: CompletionItem[] = [
  snippet("if", "if ${1:condition} {\n\t$0\n}", "if statement"),
  snippet("for", "for ${1:i} in ${2:0}..${3:n} {\n\t$0\n}", "for loop over a range"),
  snippet("while", "while ${1:condition} {\n\t$0\n}", "while loop"),
  snippet("require", "require(${1:condition}, ${2:\"message\"});", "check a condition"),
  snippet("emit", "emit ${1:Event}(${2});", "emit an event"),
  snippet("let", "let ${1:name} = ${2:value};", "local binding"),
];

const INT_BITS = [8, 16, 32, 64, 128, 256];
export const PRIMITIVE_TYPES: readonly string[] = [
  "bool",
  "address",
  "string",
  "bytes",
  ...INT_BITS.map((b) => `u${b}`),
  ...INT_BITS.map((b) => `i${b}`),
  ...Array.from({ length: 32 }, (_, i) => `bytes${i + 1}`),
];

export function typeItems(symbols: Sym[]): CompletionItem[] {
  const out: CompletionItem[] = PRIMITIVE_TYPES.map((t) => ({ label: t, kind: CompletionItemKind.TypeParameter, detail: "built-in type" }));
  out.push({
    label: "map",
    kind: CompletionItemKind.TypeParameter,
    detail: "map<K, V> (storage only)",
    insertText: "map<${1:address}, ${2:u256}>",
    insertTextFormat: InsertTextFormat.Snippet,
  });
  for (const s of symbols) if (s.kind === "struct" || s.kind === "enum" || s.kind === "contract" || s.kind === "interface") out.push(symbolItem(s));
  return out;
}

const SYM_KIND: Record<Sym["kind"], CompletionItemKind> = {
  contract: CompletionItemKind.Class,
  interface: CompletionItemKind.Interface,
  struct: CompletionItemKind.Struct,
  enum: CompletionItemKind.Enum,
  event: CompletionItemKind.Event,
  error: CompletionItemKind.Class,
  const: CompletionItemKind.Constant,
  fn: CompletionItemKind.Function,
  state: CompletionItemKind.Field,
};

function fieldsLabel(name: string, fields: { name: string; type: Parameters<typeof typeToString>[0]; indexed?: boolean }[]): string {
  return `${name}(${fields.map((f) => `${f.indexed ? "indexed " : ""}${f.name}: ${typeToString(f.type)}`).join(", ")})`;
}

export function symbolDetail(s: Sym): string {
  switch (s.kind) {
    case "contract":
      return `contract ${s.name}`;
    case "interface":
      return `interface ${s.name}`;
    case "struct":
      return `struct ${s.name}`;
    case "enum":
      return `enum ${s.name} { ${s.info.variants.join(", ")} }`;
    case "event":
      return `event ${fieldsLabel(s.name, s.info.fields)}`;
    case "error":
      return `error ${fieldsLabel(s.name, s.info.fields)}`;
    case "const":
      return typeToString(s.info.type);
    case "fn":
      return fnLabel(s.info, typeToString);
    case "state":
      return typeToString(s.info.type);
  }
}

export function symbolItem(s: Sym): CompletionItem {
  return { label: s.name, kind: SYM_KIND[s.kind], detail: symbolDetail(s), ...docs(s.info.decl.docs) };
}

export function localItem(name: string, l: LocalInfo | ast.Ident): CompletionItem {
  const detail = "type" in l ? typeToString(l.type) : undefined;
  return { label: name, kind: CompletionItemKind.Variable, ...(detail && detail !== "{unknown}" ? { detail } : {}), sortText: "0" + name };
}

const BUILTINS: [string, string, string][] = [
  ["require", "require(condition: bool, message?: string | E(…))", "Reverts with the message or error when the condition is false."],
  ["assert", "assert(condition: bool)", "Reverts when the condition is false (an internal invariant)."],
  ["hash", "hash(data: bytes | string) -> bytes32", "The chain's hash: keccak-256, or SM3 on an SM chain."],
  ["keccak256", "keccak256(data: bytes | string) -> bytes32", "Keccak-256."],
  ["sm3", "sm3(data: bytes | string) -> bytes32", "SM3."],
  ["sha256", "sha256(data: bytes | string) -> bytes32", "SHA-256."],
  ["truncate", "truncate<T>(x) -> T", "Converts an integer to T keeping the low bits (wraps)."],
];
const ENV_ROOTS: [string, string][] = [
  ["msg", "msg.sender: the caller"],
  ["tx", "tx.origin: the signer of the transaction"],
  ["block", "block.number, block.timestamp"],
  ["abi", "abi.encode, abi.decode"],
];

export function builtinItems(): CompletionItem[] {
  return [
    ...BUILTINS.map(([label, detail, doc]) => ({ label, kind: CompletionItemKind.Function, detail, ...docs(doc) })),
    ...ENV_ROOTS.map(([label, detail]) => ({ label, kind: CompletionItemKind.Module, detail })),
  ];
}

const MEMBER_KIND: Record<Member["kind"], CompletionItemKind> = {
  field: CompletionItemKind.Field,
  method: CompletionItemKind.Method,
  fn: CompletionItemKind.Method,
  state: CompletionItemKind.Field,
  env: CompletionItemKind.Property,
};

export function memberItem(m: Member): CompletionItem {
  return { label: m.name, kind: MEMBER_KIND[m.kind], detail: m.detail, ...docs(m.docs) };
}

export function moduleItem(name: string): CompletionItem {
  return { label: name, kind: CompletionItemKind.Module, detail: `std::${name.split("/").join("::")}` };
}
