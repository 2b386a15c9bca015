/**
 * A streaming, bounded XML reader for XML-RPC documents (on saxes): text is fed as it arrives and
 * the limits (nesting depth, element count) are checked at each element, so a hostile document is
 * refused at its first excess or first malformed byte, before the rest is read. No DTDs, no
 * entities beyond XML's five and character references. Builds the small tree the XML-RPC decoder
 * walks: an element is `{name: children}`, text is `{"#text": text}` (already unescaped).
 */

import { SaxesParser } from "saxes";

/** One node of the tree: `{tag: children}` or `{"#text": text}`. */
export type XmlNode = Record<string, unknown>;

/** A document that is not well-formed, or passes a limit; the message says which. */
export class XmlLimitOrSyntaxError extends Error {
  override name = "XmlLimitOrSyntaxError";
}

/** The limits of one document. */
export interface XmlTreeLimits {
  /** The deepest nesting of elements. */
  maxDepth: number;
  /** The most elements in the document. */
  maxElements: number;
}

/**
 * Builds the tree of one document from text fed in pieces; `end()` returns the top-level nodes.
 * Every method throws XmlLimitOrSyntaxError on the first problem; after that the reader is done.
 *
 * @example
 * ```ts
 * import { XmlTreeReader } from "./xml_tree.ts";
 * import assert from "node:assert/strict";
 * const reader = new XmlTreeReader({ maxDepth: 8, maxElements: 100 });
 * reader.write("<?xml version='1.0'?><a>x &amp;");
 * reader.write(" y</a>");
 * assert.deepEqual(reader.end(), [{ a: [{ "#text": "x & y" }] }]);
 * assert.throws(() => new XmlTreeReader({ maxDepth: 1, maxElements: 9 }).write("<a><b>"), /deeper/);
 * ```
 */
export class XmlTreeReader {
  readonly #parser = new SaxesParser({ position: false });
  readonly #top: XmlNode[] = [];
  readonly #stack: XmlNode[][] = [];
  #elements = 0;
  #failed: XmlLimitOrSyntaxError | null = null;

  /** A reader with `limits`. */
  constructor(limits: XmlTreeLimits) {
    const p = this.#parser;
    const here = () => this.#stack[this.#stack.length - 1] ?? this.#top;
    p.on("doctype", () => {
      throw new XmlLimitOrSyntaxError("DTDs and entities are not accepted");
    });
    p.on("opentag", (tag) => {
      if (++this.#elements > limits.maxElements) {
        throw new XmlLimitOrSyntaxError(`more than ${limits.maxElements} elements`);
      }
      if (this.#stack.length >= limits.maxDepth) {
        throw new XmlLimitOrSyntaxError(`elements nested deeper than ${limits.maxDepth}`);
      }
      const children: XmlNode[] = [];
      here().push({ [tag.name]: children });
      this.#stack.push(children);
    });
    p.on("closetag", () => void this.#stack.pop());
    const text = (t: string) => {
      const nodes = here();
      const last = nodes[nodes.length - 1];
      if (last !== undefined && "#text" in last) last["#text"] += t;
      else nodes.push({ "#text": t });
    };
    p.on("text", text);
    p.on("cdata", text);
  }

  /** Feeds the next piece of the document. */
  write(text: string): void {
    this.#run(() => this.#parser.write(text));
  }

  /** Ends the document; returns its top-level nodes. */
  end(): XmlNode[] {
    this.#run(() => this.#parser.close());
    return this.#top;
  }

  #run(step: () => unknown): void {
    if (this.#failed !== null) throw this.#failed;
    try {
      step();
    } catch (e) {
      this.#failed = e instanceof XmlLimitOrSyntaxError
        ? e
        : new XmlLimitOrSyntaxError(tidy(e instanceof Error ? e.message : String(e)));
      throw this.#failed;
    }
  }
}

/** saxes's message without its final period (`XML declaration is incomplete`). */
function tidy(message: string): string {
  return message.replace(/\.$/, "");
}
