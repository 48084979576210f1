import type { PhrasingContent } from 'mdast';
import { type Segment, type Style, mergeStyle, plain, seg } from './types.js';

export interface InlineOptions {
  /** Keep the author's line breaks inside a paragraph instead of joining lines with a space. */
  keepBreaks: boolean;
}

const dimStyle: Style = { dim: true };
const clozeStyle: Style = { bold: true, tone: 'cloze' };

// Flashcard markers (`front :: back`) and cloze deletions (`==hidden==`) are study syntax, not
// prose: the marker is dimmed and the hidden text stands out, so the card reads at a glance.
const studySyntax = /(==[^=\n]+==|\s:{2,3}\s)/;

function textSegments(value: string, style: Style, options: InlineOptions, out: Segment[]): void {
  const text = options.keepBreaks ? value : value.replace(/\n/g, ' ');
  for (const part of text.split(studySyntax)) {
    if (part === '') continue;
    if (/^==[^=\n]+==$/.test(part)) out.push(seg(part.slice(2, -2), mergeStyle(style, clozeStyle)));
    else if (/^\s:{2,3}\s$/.test(part)) out.push(seg(part, mergeStyle(style, dimStyle)));
    else out.push(seg(part, style));
  }
}

function plainText(nodes: readonly PhrasingContent[]): string {
  return nodes
    .map((n) => ('value' in n ? n.value : 'children' in n ? plainText(n.children as PhrasingContent[]) : ''))
    .join('');
}

function walk(nodes: readonly PhrasingContent[], style: Style, options: InlineOptions, out: Segment[]): void {
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        textSegments(node.value, style, options, out);
        break;
      case 'emphasis':
        walk(node.children, mergeStyle(style, { italic: true }), options, out);
        break;
      case 'strong':
        walk(node.children, mergeStyle(style, { bold: true }), options, out);
        break;
      case 'delete':
        walk(node.children, mergeStyle(style, { strike: true }), options, out);
        break;
      case 'inlineCode':
        out.push(seg(node.value, mergeStyle(style, { tone: 'code' })));
        break;
      case 'break':
        out.push(seg('\n', style));
        break;
      case 'link': {
        const label = plainText(node.children);
        walk(node.children, mergeStyle(style, { underline: true, tone: 'link' }), options, out);
        const url = node.url.replace(/^mailto:/, '');
        // Autolinks already show their address; repeating it would only add noise.
        if (url !== '' && url !== label && `mailto:${label}` !== node.url) {
          out.push(seg(' (', mergeStyle(style, dimStyle)), seg(url, mergeStyle(style, dimStyle)), seg(')', mergeStyle(style, dimStyle)));
        }
        break;
      }
      case 'linkReference':
        walk(node.children, mergeStyle(style, { underline: true, tone: 'link' }), options, out);
        break;
      case 'image':
      case 'imageReference':
        out.push(seg(`[image${node.alt ? `: ${node.alt}` : ''}]`, mergeStyle(style, dimStyle)));
        break;
      case 'html':
        out.push(seg(node.value, mergeStyle(style, dimStyle)));
        break;
      case 'footnoteReference':
        out.push(seg(`[^${node.label ?? node.identifier}]`, mergeStyle(style, dimStyle)));
        break;
      default:
        break;
    }
  }
}

export function inlineSegments(nodes: readonly PhrasingContent[], options: InlineOptions, style: Style = plain): Segment[] {
  const out: Segment[] = [];
  walk(nodes, style, options, out);
  return out;
}

export { plainText };
