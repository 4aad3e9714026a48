/**
 * Small, allocation-light helpers over the htmlparser2 / domhandler tree. Everything here is
 * iterative (no recursion), so a page nested thousands of levels deep cannot overflow the stack.
 */
import { parseDocument } from 'htmlparser2';
import type { AnyNode, Document, Element, ParentNode } from 'domhandler';

export type { AnyNode, Document, Element };

/** Parses HTML leniently: broken or truncated markup still yields a tree. */
export function parseHtml(html: string): Document {
  return parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
}

/**
 * Repairs UTF-8 text that was decoded once more as Latin-1/Windows-1252 on its way into the
 * page ("Investorâ\u0080\u0099s" for "Investor’s", "Â®" for "®"): each run of a lead byte
 * and its continuation bytes is decoded again as UTF-8. Only done on pages that show the
 * telltale C1 control characters after a lead byte, which never occur in real text; a run
 * that is not valid UTF-8 is kept.
 * @example repairMojibake('Investor\u00e2\u0080\u0099s') // 'Investor’s'
 */
export function repairMojibake(s: string): string {
  if (!/[\u00c2-\u00f4][\u0080-\u009f]/.test(s)) return s;
  const dec = new TextDecoder('utf-8', { fatal: true });
  return s.replace(/[\u00c2-\u00df][\u0080-\u00bf]|[\u00e0-\u00ef][\u0080-\u00bf]{2}|[\u00f0-\u00f4][\u0080-\u00bf]{3}/g, (run) => {
    try {
      return dec.decode(Uint8Array.from(run, (ch) => ch.charCodeAt(0)));
    } catch {
      return run;
    }
  });
}

export function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

export function attr(el: Element, name: string): string {
  return el.attribs[name] ?? '';
}

/** Class and id of an element, lowercased, for hint matching. */
export function classAndId(el: Element): string {
  const c = el.attribs.class;
  const i = el.attribs.id;
  if (!c && !i) return '';
  return `${c ?? ''} ${i ?? ''}`.toLowerCase();
}

/** Pre-order walk over elements below `root` (root included when it is an element). */
export function* elements(root: AnyNode): Generator<Element> {
  const stack: AnyNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isElement(node)) yield node;
    const kids = (node as ParentNode).children;
    if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
}

/** All elements with a given tag name, in document order. */
export function byTag(root: AnyNode, ...names: string[]): Element[] {
  const out: Element[] = [];
  for (const el of elements(root)) if (names.includes(el.name)) out.push(el);
  return out;
}

/**
 * The text nodes of a subtree in document order, script/style contents excluded — raw text
 * still reads a script that is the root itself (JSON-LD). For display text, <br> and block
 * elements contribute a space.
 */
function textParts(root: AnyNode, forDisplay: boolean): string[] {
  const parts: string[] = [];
  const stack: AnyNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'text') {
      parts.push(node.data);
      continue;
    }
    if ((node.type === 'script' || node.type === 'style') && (forDisplay || node !== root)) continue;
    if (forDisplay && isElement(node) && (node.name === 'br' || BLOCK_TAGS.has(node.name))) parts.push(' ');
    const kids = (node as ParentNode).children;
    if (kids) for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return parts;
}

/** Raw text of a subtree (script/style contents excluded), not whitespace-collapsed. */
export function rawText(root: AnyNode): string {
  return textParts(root, false).join('');
}

/** Whitespace-collapsed text of a subtree, with <br> and block boundaries read as spaces. */
export function textOf(root: AnyNode): string {
  return collapse(textParts(root, true).join(''));
}

export function collapse(s: string): string {
  return s.replace(/[\u00ad\u2060]/g, '').replace(/[\s\u00a0\u200b\u200e\u200f\u2028\u2029\ufeff]+/g, ' ').trim();
}

/** Detaches a node from its parent. */
export function removeNode(node: AnyNode): void {
  const parent = node.parent;
  if (!parent) return;
  const i = parent.children.indexOf(node as never);
  if (i >= 0) parent.children.splice(i, 1);
  node.parent = null;
  node.prev = null;
  node.next = null;
}

/** Element ancestors of a node, nearest first. */
export function ancestors(node: AnyNode, max = Infinity): Element[] {
  const out: Element[] = [];
  let p = node.parent;
  while (p && out.length < max) {
    if (isElement(p as AnyNode)) out.push(p as Element);
    p = p.parent;
  }
  return out;
}

export const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header',
  'hgroup', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td',
  'tfoot', 'th', 'thead', 'tr', 'ul', 'body', 'html', 'caption', 'menu', 'option', 'select', 'textarea',
]);
