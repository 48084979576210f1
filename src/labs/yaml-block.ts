import { isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar, type Document, type Node } from 'yaml';

// A YAML block inside a lab file (front matter or a fenced block), parsed with its node
// positions so every problem can be reported at its line and column in the lab file.

export type YamlPath = readonly (string | number)[];

export interface Position {
  line: number;
  column: number;
}

export class YamlBlock {
  private constructor(
    readonly doc: Document,
    private readonly counter: LineCounter,
    /** File line of the block's first line. */
    readonly firstLine: number,
    /** Columns the block is indented by in the file (a fence inside a list). */
    readonly indent: number,
  ) {}

  static parse(text: string, firstLine: number, indent = 0): { ok: true; block: YamlBlock } | { ok: false; position: Position; message: string } {
    const counter = new LineCounter();
    const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
    const block = new YamlBlock(doc, counter, firstLine, indent);
    const error = doc.errors[0];
    if (error) return { ok: false, position: block.at(error.pos[0]), message: error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '') };
    return { ok: true, block };
  }

  get value(): unknown {
    return this.doc.toJS();
  }

  /** File position of an offset into the block. */
  at(offset: number): Position {
    const { line, col } = this.counter.linePos(offset);
    return { line: this.firstLine + line - 1, column: col + this.indent };
  }

  /** The node at `path`, or null. */
  node(path: YamlPath): Node | null {
    let node: Node | null = this.doc.contents as Node | null;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) return null;
        node = (pair.value as Node | null) ?? (pair.key as Node);
      } else if (isSeq(node) && typeof seg === 'number') {
        node = (node.items[seg] as Node | undefined) ?? null;
      } else {
        return null;
      }
    }
    return node;
  }

  /** Position of the key `key` inside the mapping at `path` (else of the mapping itself). */
  keyPosition(path: YamlPath, key: string): Position {
    const node = this.node(path);
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
      const k = pair?.key as Node | undefined;
      if (k?.range) return this.at(k.range[0]);
    }
    return this.position(path);
  }

  /** Position of the node at `path`, or of its nearest existing ancestor. */
  position(path: YamlPath): Position {
    for (let n = path.length; n >= 0; n--) {
      const node = this.node(path.slice(0, n));
      if (node?.range) return this.at(node.range[0]);
    }
    return { line: this.firstLine, column: 1 + this.indent };
  }

  /**
   * Where the text of a scalar starts, so a column inside it (an expression's error) maps to the
   * file. Null when the scalar spans lines or has escapes: then only its start is exact.
   */
  scalarTextStart(path: YamlPath): { position: Position; exact: boolean } {
    const node = this.node(path);
    const position = this.position(path);
    if (!isScalar(node) || !node.range) return { position, exact: false };
    const source = (node as Scalar & { source?: string }).source;
    const type = node.type;
    if (type === Scalar.PLAIN) return { position, exact: !String(node.value).includes('\n') };
    if (type === Scalar.QUOTE_SINGLE || type === Scalar.QUOTE_DOUBLE) {
      const value = String(node.value);
      const exact = !value.includes('\n') && (source === undefined || source === value) && !value.includes("'") && !value.includes('\\');
      return { position: { line: position.line, column: position.column + 1 }, exact };
    }
    // Block scalars (`|`, `>`) start on the next line.
    return { position: { line: position.line + 1, column: position.column }, exact: false };
  }
}
