/**
 * A scanner for the XML of a Word document (word/document.xml), about five times faster than
 * htmlparser2 on what Word and WPS write: it jumps from one "<" to the next, keeps the text only
 * where the document builder wants it and reads attributes only of the three elements whose
 * w:val matters. It gives the builder exactly the calls htmlparser2 (xmlMode, decodeEntities,
 * lowerCaseTags) would: the same elements opened and closed, in the same order — a close tag
 * closes the elements opened after its own, one without an open element is ignored, and the
 * elements still open at the end are closed — and the same text. Where it meets anything else
 * (CDATA, a DOCTYPE, an entity other than the five of XML and character references, a name or
 * an attribute written otherwise) it stops and says so, and the caller reads the document with
 * htmlparser2 instead.
 */
import type { DocumentBuilder } from './docx.js';

const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || c === 0x0c;

/** A character a name may start with (ASCII letters and "_"); anything else is left to htmlparser2. */
const isNameStart = (c: number) =>
  (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
const isNameChar = (c: number) =>
  isNameStart(c) || (c >= 0x30 && c <= 0x3a) || c === 0x2d || c === 0x2e; // digits, ":", "-", "."

/**
 * A start tag: its name (group 1), its attributes (group 2: name="value" or name='value', each
 * after a space) and its end, ">" or "/>" (group 3 is then "/").
 */
const START_TAG =
  /<([A-Za-z_][A-Za-z0-9_:.-]*)((?:[ \n\t\r\f]+[A-Za-z_][A-Za-z0-9_:.-]*=(?:"[^"]*"|'[^']*'))*)[ \n\t\r\f]*(\/?)>/y;
/** One of them: its name and its value (group 2 or 3). */
const ATTRIBUTE = /[ \n\t\r\f]+([A-Za-z_][A-Za-z0-9_:.-]*)=(?:"([^"]*)"|'([^']*)')/g;

/** The first w:val of a start tag's attributes, as in htmlparser2 (a repeat is ignored). */
function wVal(attributes: string): string | undefined {
  for (const match of attributes.matchAll(ATTRIBUTE))
    if (match[1] === 'w:val') return match[2] ?? match[3]!;
  return undefined;
}

/** Elements whose w:val the builder reads. */
const WITH_VALUE = new Set(['w:gridbefore', 'w:gridspan', 'w:vmerge']);

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const REFERENCE = /^&(?:(amp|lt|gt|quot|apos)|#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6}));/;

/**
 * The text with its references replaced, or null for one htmlparser2 reads in its own way (an
 * unknown name, no ";", a code point it replaces).
 */
export function decodeReferences(text: string): string | null {
  let at = text.indexOf('&');
  if (at < 0) return text;
  let out = '';
  let from = 0;
  while (at >= 0) {
    const match = REFERENCE.exec(text.slice(at, at + 12));
    if (!match) return null;
    let char: string;
    if (match[1]) char = NAMED[match[1]]!;
    else {
      const code = match[2] ? Number.parseInt(match[2], 10) : Number.parseInt(match[3]!, 16);
      // 0, C1 controls, surrogates and beyond Unicode are replaced by htmlparser2: left to it.
      if (code === 0 || (code >= 0x80 && code <= 0x9f) || (code >= 0xd800 && code <= 0xdfff))
        return null;
      if (code > 0x10ffff) return null;
      char = String.fromCodePoint(code);
    }
    out += text.slice(from, at) + char;
    from = at + match[0].length;
    at = text.indexOf('&', from);
  }
  return out + text.slice(from);
}

/** Lower-case element names, by the name as written (a document uses a few dozen). */
const lowerNames = new Map<string, string>();
const lower = (name: string) => {
  let l = lowerNames.get(name);
  if (l === undefined) {
    l = name.toLowerCase();
    if (lowerNames.size < 4096) lowerNames.set(name, l);
  }
  return l;
};

/**
 * Reads the document into the builder. False when the scanner met something it leaves to
 * htmlparser2: the builder is then half-filled and must be thrown away.
 */
export function scanDocumentXml(xml: string, builder: DocumentBuilder): boolean {
  const n = xml.length;
  /** Open elements, innermost last. */
  const stack: string[] = [];
  let at = 0;
  for (;;) {
    const lt = xml.indexOf('<', at);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > at && builder.wantsText) {
      const text = decodeReferences(xml.slice(at, textEnd));
      if (text === null) return false;
      builder.text(text);
    }
    if (lt < 0) break;
    const c = xml.charCodeAt(lt + 1);
    if (c === SLASH) {
      // A close tag: the name, perhaps spaces, ">".
      let i = lt + 2;
      if (!isNameStart(xml.charCodeAt(i))) return false;
      while (isNameChar(xml.charCodeAt(i))) i++;
      const name = lower(xml.slice(lt + 2, i));
      while (isSpace(xml.charCodeAt(i))) i++;
      if (xml.charCodeAt(i) !== GT) return false;
      at = i + 1;
      const pos = stack.lastIndexOf(name);
      if (pos >= 0) while (stack.length > pos) builder.close(stack.pop()!);
      continue;
    }
    if (c === QUESTION) {
      // A processing instruction (the XML declaration): htmlparser2 ends it at the first ">".
      const end = xml.indexOf('>', lt + 2);
      if (end < 0) return false;
      at = end + 1;
      continue;
    }
    if (c === BANG) {
      if (
        !xml.startsWith('<!--', lt) ||
        xml.startsWith('>', lt + 4) ||
        xml.startsWith('->', lt + 4)
      )
        return false;
      const end = xml.indexOf('-->', lt + 4);
      if (end < 0) return false;
      at = end + 3;
      continue;
    }
    START_TAG.lastIndex = lt;
    const tag = START_TAG.exec(xml);
    if (!tag) return false;
    const name = lower(tag[1]!);
    const selfClosing = tag[3] === '/';
    let value: string | undefined;
    if (WITH_VALUE.has(name)) {
      const val = wVal(tag[2]!);
      if (val !== undefined) {
        const decoded = decodeReferences(val);
        if (decoded === null) return false;
        value = decoded;
      }
    }
    const i = START_TAG.lastIndex;
    at = i;
    builder.open(name, value);
    if (selfClosing) builder.close(name);
    else stack.push(name);
  }
  while (stack.length > 0) builder.close(stack.pop()!);
  return true;
}
