// Plain text of the chosen body: one paragraph per block, separated by a blank line.
// Figures (lead image, captions, credits) are left out of the text — they live in
// `leadImage` and in the HTML — so a caption is never repeated inside the article.
import { isTag, isText, type AnyNode } from '../dom.ts';
import { BLOCK_TAGS } from './patterns.ts';

/** Elements whose content is not part of the running text. */
const SKIP_IN_TEXT = new Set(['figure', 'figcaption', 'picture', 'img', 'script', 'style', 'noscript', 'template', 'svg']);

/** Renders nodes as paragraphs joined by blank lines. */
export function blocksToText(nodes: readonly AnyNode[]): string {
  return blocksOf(nodes).join('\n\n');
}

/** The paragraphs of the given nodes, whitespace-collapsed, empty ones dropped. */
export function blocksOf(nodes: readonly AnyNode[]): string[] {
  const out: string[] = [];
  let cur = '';
  const flush = () => {
    const lines = cur.split('\n').map((l) => l.replace(/[ \t\r\f\u00a0\u200b]+/g, ' ').trim());
    // Two <br> in a row separate paragraphs; one is a line break inside a paragraph.
    let para: string[] = [];
    for (const l of lines) {
      if (l) para.push(l);
      else if (para.length) {
        out.push(para.join('\n'));
        para = [];
      }
    }
    if (para.length) out.push(para.join('\n'));
    cur = '';
  };
  // Iterative walk with explicit exit markers so block ends flush the paragraph.
  const EXIT = Symbol('exit');
  const stack: Array<AnyNode | typeof EXIT> = [];
  for (let i = nodes.length - 1; i >= 0; i--) stack.push(nodes[i]!);
  let pre = 0;
  const preStack: boolean[] = [];
  while (stack.length) {
    const n = stack.pop()!;
    if (n === EXIT) {
      const wasPre = preStack.pop();
      if (wasPre) pre--;
      flush();
      continue;
    }
    if (isText(n)) {
      cur += pre ? n.data.replace(/\n/g, '\n') : n.data.replace(/[\s]+/g, ' ');
      continue;
    }
    if (!isTag(n)) continue;
    if (SKIP_IN_TEXT.has(n.name)) continue;
    if (n.name === 'br') {
      cur += '\n';
      continue;
    }
    if (n.name === 'td' || n.name === 'th') cur += ' ';
    if (BLOCK_TAGS.has(n.name)) {
      flush();
      const isPre = n.name === 'pre';
      if (isPre) pre++;
      preStack.push(isPre);
      stack.push(EXIT);
    }
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  flush();
  return out;
}
