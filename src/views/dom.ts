/**
 * A tiny element builder used both at build time (linkedom) and in the browser. Text is always
 * added as text nodes and attributes with setAttribute, so data from a CSV can never become markup.
 */
export type Child = Node | string | number | null | undefined | false | readonly Child[];
export type Attrs = Record<string, string | number | boolean | null | undefined>;

/** Creates `<tag attrs>children</tag>` in `doc`. `false`/`null` attributes are omitted. */
export function h(doc: Document, tag: string, attrs: Attrs = {}, ...children: Child[]): HTMLElement {
  const el = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === null || v === undefined) continue;
    el.setAttribute(k, v === true ? '' : String(v));
  }
  append(doc, el, children);
  return el;
}

function append(doc: Document, el: Node, children: readonly Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(doc, el, c);
    else if (typeof c === 'string' || typeof c === 'number') el.appendChild(doc.createTextNode(String(c)));
    else el.appendChild(c as Node);
  }
}
