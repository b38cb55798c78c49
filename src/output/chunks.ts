/**
 * Large reports are written in pieces: V8 strings stop at about 512 MB, which a SARIF or ASFF
 * file for a big organization can pass. `prettyJsonChunks` yields exactly what
 * `JSON.stringify(document, null, 2)` would, one array element at a time.
 */

import { randomUUID } from 'node:crypto';

/** A slot for the big array: a string no input can predict, so no finding text can fake it. */
export interface ItemsSlot {
  token: string;
}

export function itemsSlot(): ItemsSlot {
  return { token: `\u0000vigil-items-${randomUUID()}\u0000` };
}

/**
 * `document` holds `slot.token` where the big array goes; `items` are that array's elements.
 * The output is byte-identical to stringifying the whole document.
 */
export function* prettyJsonChunks(document: unknown, slot: ItemsSlot, items: readonly unknown[]): Generator<string> {
  const text = JSON.stringify(document, null, 2);
  const token = JSON.stringify(slot.token);
  const at = text.indexOf(token);
  if (at < 0) throw new Error('prettyJsonChunks: the document has no items slot');
  const indent = text.slice(text.lastIndexOf('\n', at) + 1, at).match(/^ */)![0];
  yield text.slice(0, at);
  if (items.length === 0) {
    yield '[]';
  } else {
    const inner = `${indent}  `;
    yield '[\n';
    for (let i = 0; i < items.length; i += 1) {
      const element = JSON.stringify(items[i], null, 2).replace(/\n/g, `\n${inner}`);
      yield `${inner}${element}${i < items.length - 1 ? ',' : ''}\n`;
    }
    yield `${indent}]`;
  }
  yield `${text.slice(at + token.length)}\n`;
}

export function joinChunks(chunks: Iterable<string>): string {
  let out = '';
  for (const chunk of chunks) out += chunk;
  return out;
}
