// Decoding of literal tokens: numbers, strings and hex bytes. The lexer
// matches generously (maximal munch) and these functions say what is wrong,
// with offsets relative to the token, so that one bad literal is one clear
// diagnostic and the parser still gets a literal to build a node from.

/** A problem inside a literal token; offsets are relative to the token start. */
export interface LiteralProblem {
  code: "E0101" | "E0102" | "E0103" | "E0104";
  message: string;
  start: number;
  end: number;
  help?: string;
}

export interface Decoded<T> {
  value: T;
  problems: LiteralProblem[];
}

/** Longer number literals are refused outright (u256 needs at most 78 digits). */
const MAX_NUMBER_LENGTH = 300;
/** `1e200` is already far beyond u256; larger exponents would only burn memory. */
const MAX_EXPONENT = 200;

const INT_TYPE_SUFFIX = /^[ui](8|16|24|32|40|48|56|64|72|80|88|96|104|112|120|128|136|144|152|160|168|176|184|192|200|208|216|224|232|240|248|256)$/;

function numberProblem(image: string, message: string, help?: string): Decoded<bigint> {
  const p: LiteralProblem = { code: "E0103", message, start: 0, end: image.length };
  if (help !== undefined) p.help = help;
  return { value: 0n, problems: [p] };
}

/**
 * `42`, `1_000`, `0xff`, `0b1010`, `1e18`, `2.5e3` (a fraction is allowed only
 * with an exponent, and the value must be a whole number).
 */
export function decodeNumber(image: string): Decoded<bigint> {
  if (image.length > MAX_NUMBER_LENGTH) return numberProblem(image, "number literal is too long");
  const radix = /^0[xX]/.test(image) ? 16 : /^0[bB]/.test(image) ? 2 : 10;
  if (radix !== 10) {
    const name = radix === 16 ? "hex" : "binary";
    const body = image.slice(2);
    const digits = body.replace(/_/g, "");
    if (digits.length === 0) return numberProblem(image, `${name} literal has no digits`);
    const bad = radix === 16 ? /[^0-9a-fA-F]/.exec(digits) : /[^01]/.exec(digits);
    if (bad) return numberProblem(image, `invalid digit \`${bad[0]}\` in a ${name} literal`);
    return { value: BigInt((radix === 16 ? "0x" : "0b") + digits), problems: [] };
  }
  const m = /^([0-9][0-9_]*)(?:\.([0-9][0-9_]*))?(?:[eE]([+-]?[0-9][0-9_]*))?(.*)$/.exec(image)!;
  const [, intPart = "", fracPart, expPart, rest = ""] = m;
  if (rest !== "") {
    const digitsOnly = image.slice(0, image.length - rest.length);
    if (INT_TYPE_SUFFIX.test(rest))
      return numberProblem(image, "number literals have no type suffix", `write \`${digitsOnly} as ${rest}\``);
    if (/^[eE][+-]?$/.test(rest)) return numberProblem(image, "the exponent has no digits");
    return numberProblem(image, `invalid number literal \`${image}\``);
  }
  if (fracPart !== undefined && expPart === undefined)
    return numberProblem(image, "Weft has no fractional numbers", "number literals are whole numbers; scale them (e.g. `15e17` for 1.5 × 10^18)");
  const frac = (fracPart ?? "").replace(/_/g, "");
  const mantissa = intPart.replace(/_/g, "") + frac;
  const exp = (expPart === undefined ? 0 : Number(expPart.replace(/_/g, ""))) - frac.length;
  if (exp > MAX_EXPONENT) return numberProblem(image, "the exponent is too large");
  if (exp >= 0) return { value: BigInt(mantissa) * 10n ** BigInt(exp), problems: [] };
  const cut = mantissa.length + exp;
  if (!/^0*$/.test(mantissa.slice(Math.max(0, cut))))
    return numberProblem(image, `\`${image}\` is not a whole number`, "Weft has no fractional numbers");
  return { value: cut <= 0 ? 0n : BigInt(mantissa.slice(0, cut)), problems: [] };
}

/**
 * `"…"` with escapes `\n \t \r \\ \" \0 \u{…}`. The token may be unterminated
 * (the lexer stops it at the end of the line); the value is then what was there.
 */
export function decodeString(image: string): Decoded<string> {
  const problems: LiteralProblem[] = [];
  let out = "";
  let i = 1;
  let terminated = false;
  while (i < image.length) {
    const c = image[i]!;
    if (c === '"') {
      terminated = true;
      break;
    }
    if (c !== "\\") {
      // copy a run of ordinary characters at once
      let j = i + 1;
      while (j < image.length && image[j] !== "\\" && image[j] !== '"') j++;
      out += image.slice(i, j);
      i = j;
      continue;
    }
    const e = image[i + 1];
    switch (e) {
      case "n":
        out += "\n";
        i += 2;
        break;
      case "t":
        out += "\t";
        i += 2;
        break;
      case "r":
        out += "\r";
        i += 2;
        break;
      case "\\":
      case '"':
        out += e;
        i += 2;
        break;
      case "0":
        out += "\0";
        i += 2;
        break;
      case "u": {
        const m = /^\\u\{([0-9a-fA-F_]{1,8})\}/.exec(image.slice(i, i + 12));
        const cp = m ? parseInt(m[1]!.replace(/_/g, ""), 16) : NaN;
        if (!m || Number.isNaN(cp) || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
          const len = m ? m[0].length : 2;
          problems.push({
            code: "E0102",
            message: m ? "invalid unicode escape: not a Unicode scalar value" : "invalid unicode escape",
            start: i,
            end: i + len,
            help: "write `\\u{…}` with 1 to 6 hex digits, e.g. `\\u{e9}`",
          });
          i += len;
        } else {
          out += String.fromCodePoint(cp);
          i += m[0].length;
        }
        break;
      }
      default: {
        if (e === undefined) {
          i += 1; // a lone backslash at the end of an unterminated string
          break;
        }
        const width = e.codePointAt(0)! > 0xffff ? 2 : 1;
        problems.push({
          code: "E0102",
          message: `unknown escape sequence \`\\${image.slice(i + 1, i + 1 + width)}\``,
          start: i,
          end: i + 1 + width,
          help: 'the escapes are \\n \\t \\r \\\\ \\" \\0 and \\u{…}',
        });
        out += image.slice(i + 1, i + 1 + width);
        i += 1 + width;
      }
    }
  }
  if (!terminated)
    problems.push({
      code: "E0101",
      message: "unterminated string literal",
      start: 0,
      end: image.length,
      help: 'close it with `"`; a string cannot span lines (write `\\n` for a line break)',
    });
  return { value: out, problems };
}

/** `hex"00ff_ee"`: an even number of hex digits, `_` allowed between them. */
export function decodeBytes(image: string): Decoded<Uint8Array> {
  const problems: LiteralProblem[] = [];
  const terminated = image.length >= 5 && image.endsWith('"');
  const body = image.slice(4, terminated ? image.length - 1 : image.length);
  let digits = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === "_") continue;
    if (/[0-9a-fA-F]/.test(c)) digits += c;
    else if (problems.length === 0)
      problems.push({
        code: "E0104",
        message: `invalid character \`${c}\` in a hex bytes literal`,
        start: 4 + i,
        end: 4 + i + 1,
        help: "a hex bytes literal holds hex digits (0-9, a-f) and `_` only",
      });
  }
  if (!terminated)
    problems.push({ code: "E0101", message: "unterminated bytes literal", start: 0, end: image.length, help: 'close it with `"`' });
  else if (problems.length === 0 && digits.length % 2 === 1)
    problems.push({
      code: "E0104",
      message: "a hex bytes literal needs an even number of digits",
      start: 0,
      end: image.length,
      help: "each byte is two hex digits; add a leading `0`",
    });
  const n = digits.length >> 1;
  const value = new Uint8Array(n);
  for (let b = 0; b < n; b++) value[b] = parseInt(digits.slice(2 * b, 2 * b + 2), 16);
  return { value, problems };
}
