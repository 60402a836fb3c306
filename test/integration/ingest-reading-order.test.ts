/**
 * The reader remembers, between documents, readings of short texts that come back in every
 * report (heading lines, table 三's headers and layouts, labels): each cache is bounded and keyed
 * on everything its reading depends on. If one were keyed on less, a document's result would
 * depend on what was read before it. So: every fixture, and near-copies of it that differ only in
 * their figures or their agency, read in three orders (sorted; reversed, each twice in a row;
 * shuffled) — each file's result must be the same every time it is read.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest/index.js';

const dirs = ['../fixtures/corpus/', '../fixtures/ingest/variants/', '../fixtures/ingest/formats/'];

interface Doc {
  name: string;
  bytes: Uint8Array;
}

/** The fixtures, PDFs aside (their text comes through the same rows as the rest, slowly). */
function fixtures(): Doc[] {
  const docs: Doc[] = [];
  for (const dir of dirs) {
    const url = new URL(dir, import.meta.url);
    for (const name of readdirSync(url).sort()) {
      if (!/\.(txt|md|html|docx)$/.test(name)) continue;
      docs.push({ name: `${dir}${name}`, bytes: readFileSync(new URL(name, url)) });
    }
  }
  return docs;
}

const encoder = new TextEncoder();

/** Near-copies of a UTF-8 text fixture: every figure's digits shifted, and another agency. */
function nearCopies(doc: Doc): Doc[] {
  if (!/\.(txt|md)$/.test(doc.name)) return [];
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(doc.bytes);
  } catch {
    return []; // GB18030, UTF-16: the originals cover them
  }
  const shifted = text.replace(/[0-9]/g, (d) => String((Number(d) + 3) % 10));
  const renamed = text.replace(/人民政府|局|委员会/, (m) => `${m}办公室`);
  return [
    { name: `${doc.name}#digits`, bytes: encoder.encode(shifted) },
    { name: `${doc.name}#agency`, bytes: encoder.encode(renamed) },
  ];
}

/** A fixed shuffle (a linear congruential generator), so that a failure can be replayed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = items.slice();
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

async function read(doc: Doc): Promise<string> {
  // The name is the same for every read of a document: only what came before differs.
  const { report, findings, sourceLines, published, lines, kind, encoding } = await ingestFile(
    doc.bytes,
    doc.name.replace(/^.*\//, ''),
  );
  return JSON.stringify({ report, findings, sourceLines, published, lines, kind, encoding });
}

describe('a document reads the same whatever was read before it', () => {
  it('fixtures and their near-copies, in three orders', async () => {
    const originals = fixtures();
    const docs = originals.flatMap((d) => [d, ...nearCopies(d)]);
    expect(originals.length).toBeGreaterThan(40);
    expect(docs.length).toBeGreaterThan(originals.length * 2);

    const first = new Map<string, string>();
    for (const doc of docs) first.set(doc.name, await read(doc));

    const differing = new Set<string>();
    const again = async (doc: Doc) => {
      if ((await read(doc)) !== first.get(doc.name)) differing.add(doc.name);
    };
    for (const doc of docs.slice().reverse()) {
      await again(doc);
      await again(doc);
    }
    for (const doc of shuffled(docs, 20261207)) await again(doc);
    expect([...differing]).toEqual([]);
  }, 120_000);
});
