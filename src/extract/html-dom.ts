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
