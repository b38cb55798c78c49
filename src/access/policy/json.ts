/**
 * A JSON parser that remembers where every value came from: line, column, offset and JSON
 * path. Policy validation and simulation report positions, so the generic JSON.parse is not
 * enough. Duplicate keys are kept (IAM treats them as an error; the validator reports them).
 */

export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
  /** 0-based character offset. */
  offset: number;
}

export interface Span {
  start: Position;
  /** Position just after the last character. */
  end: Position;
}

interface NodeBase extends Span {
  /** JSON path in Access Analyzer style: `Statement[0].Action[1]`. Empty for the root. */
  path: string;
}
export interface ObjectEntry {
  key: string;
  keySpan: Span;
  value: JsonNode;
}
export type JsonNode =
  | (NodeBase & { kind: 'object'; entries: ObjectEntry[] })
  | (NodeBase & { kind: 'array'; items: JsonNode[] })
  | (NodeBase & { kind: 'string'; value: string })
  | (NodeBase & { kind: 'number'; value: number; raw: string })
  | (NodeBase & { kind: 'boolean'; value: boolean })
  | (NodeBase & { kind: 'null' });

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: Position,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  const safe = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? key : `'${key.replace(/'/g, "\\'")}'`;
  if (!parent) return safe;
  return /^[A-Za-z_]/.test(safe) ? `${parent}.${safe}` : `${parent}[${safe}]`;
}

class Parser {
  private index = 0;
  private line = 1;
  private lineStart = 0;

  constructor(private readonly text: string) {}

  parse(): JsonNode {
    this.skipSpace();
    const node = this.value('');
    this.skipSpace();
    if (this.index < this.text.length) this.fail('unexpected text after the JSON value');
    return node;
  }

  private position(): Position {
    return { line: this.line, column: this.index - this.lineStart + 1, offset: this.index };
  }

  private fail(message: string): never {
    throw new JsonSyntaxError(message, this.position());
  }

  private skipSpace(): void {
    const text = this.text;
    while (this.index < text.length) {
      const c = text.charCodeAt(this.index);
      if (c === 10) {
        this.index++;
        this.line++;
        this.lineStart = this.index;
      } else if (c === 32 || c === 9 || c === 13 || c === 0xfeff) {
        this.index++;
      } else break;
    }
  }

  private value(path: string): JsonNode {
    const start = this.position();
    const c = this.text[this.index];
    switch (c) {
      case '{':
        return this.object(path, start);
      case '[':
        return this.array(path, start);
      case '"': {
        const value = this.string();
        return { kind: 'string', value, start, end: this.position(), path };
      }
      case 't':
        return this.literal('true', { kind: 'boolean', value: true }, path, start);
      case 'f':
        return this.literal('false', { kind: 'boolean', value: false }, path, start);
      case 'n':
        return this.literal('null', { kind: 'null' }, path, start);
      case undefined:
        return this.fail('unexpected end of input');
      default:
        if (c === '-' || (c >= '0' && c <= '9')) return this.number(path, start);
        return this.fail(`unexpected character ${JSON.stringify(c)}`);
    }
  }

  private literal(word: string, node: { kind: 'boolean'; value: boolean } | { kind: 'null' }, path: string, start: Position): JsonNode {
    if (!this.text.startsWith(word, this.index)) this.fail(`unexpected token, expected ${word}`);
    this.index += word.length;
    return { ...node, start, end: this.position(), path } as JsonNode;
  }

  private number(path: string, start: Position): JsonNode {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.index, this.index + 64));
    if (!match) this.fail('malformed number');
    this.index += match[0].length;
    return { kind: 'number', value: Number(match[0]), raw: match[0], start, end: this.position(), path };
  }

  private string(): string {
    const text = this.text;
    this.index++; // opening quote
    let out = '';
    let chunkStart = this.index;
    for (;;) {
      if (this.index >= text.length) this.fail('unterminated string');
      const c = text.charCodeAt(this.index);
      if (c === 34) {
        out += text.slice(chunkStart, this.index);
        this.index++;
        return out;
      }
      if (c < 0x20) this.fail('control character in string');
      if (c === 92) {
        out += text.slice(chunkStart, this.index);
        const e = text[this.index + 1];
        this.index += 2;
        switch (e) {
          case '"': out += '"'; break;
          case '\\': out += '\\'; break;
          case '/': out += '/'; break;
          case 'b': out += '\b'; break;
          case 'f': out += '\f'; break;
          case 'n': out += '\n'; break;
          case 'r': out += '\r'; break;
          case 't': out += '\t'; break;
          case 'u': {
            const hex = text.slice(this.index, this.index + 4);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('bad \\u escape');
            out += String.fromCharCode(parseInt(hex, 16));
            this.index += 4;
            break;
          }
          default:
            this.index -= 2;
            this.fail('bad escape in string');
        }
        chunkStart = this.index;
        continue;
      }
      this.index++;
    }
  }

  private object(path: string, start: Position): JsonNode {
    this.index++;
    const entries: ObjectEntry[] = [];
    this.skipSpace();
    if (this.text[this.index] === '}') {
      this.index++;
      return { kind: 'object', entries, start, end: this.position(), path };
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.index] !== '"') this.fail('expected a property name in double quotes');
      const keyStart = this.position();
      const key = this.string();
      const keySpan = { start: keyStart, end: this.position() };
      this.skipSpace();
      if (this.text[this.index] !== ':') this.fail("expected ':' after a property name");
      this.index++;
      this.skipSpace();
      const value = this.value(childPath(path, key));
      entries.push({ key, keySpan, value });
      this.skipSpace();
      const c = this.text[this.index];
      if (c === ',') {
        this.index++;
        continue;
      }
      if (c === '}') {
        this.index++;
        return { kind: 'object', entries, start, end: this.position(), path };
      }
      this.fail("expected ',' or '}' in object");
    }
  }

  private array(path: string, start: Position): JsonNode {
    this.index++;
    const items: JsonNode[] = [];
    this.skipSpace();
    if (this.text[this.index] === ']') {
      this.index++;
      return { kind: 'array', items, start, end: this.position(), path };
    }
    for (;;) {
      this.skipSpace();
      items.push(this.value(childPath(path, items.length)));
      this.skipSpace();
      const c = this.text[this.index];
      if (c === ',') {
        this.index++;
        continue;
      }
      if (c === ']') {
        this.index++;
        return { kind: 'array', items, start, end: this.position(), path };
      }
      this.fail("expected ',' or ']' in array");
    }
  }
}

/** Parses JSON text keeping positions; throws JsonSyntaxError with the place of the problem. */
export function parseJson(text: string): JsonNode {
  return new Parser(text).parse();
}

/** The plain JavaScript value of a node (last duplicate key wins, as JSON.parse does). */
export function toPlain(node: JsonNode): unknown {
  switch (node.kind) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const entry of node.entries) out[entry.key] = toPlain(entry.value);
      return out;
    }
    case 'array':
      return node.items.map(toPlain);
    case 'null':
      return null;
    default:
      return node.value;
  }
}

/** The first entry with this key (IAM element names are case-sensitive). */
export function getEntry(node: JsonNode, key: string): ObjectEntry | undefined {
  return node.kind === 'object' ? node.entries.find((entry) => entry.key === key) : undefined;
}
