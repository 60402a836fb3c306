/**
 * The register's sentence for section 一 put into the section's text once: pressed again, it
 * says the sentence is there already; after the figures changed, it replaces the sentence it put
 * there earlier — only a paragraph that is wholly such a sentence, never one the clerk wrote in.
 */
import { textToHtml } from './rich-text.js';

export type SectionOneOutcome = 'inserted' | 'replaced' | 'present';

/** A paragraph that is nothing but a sentence the register made (core/proactive/figures). */
const REGISTER_SENTENCE =
  /^(全年主动公开政府信息\d+条，其中[^。]*。(通过[^。]*。)?(发布政策解读\d+条。)?|\d{4}年未主动公开政府信息。)$/;

export function withSectionOne(
  html: string,
  sentence: string,
): { html: string; outcome: SectionOneOutcome } {
  const holder = document.createElement('div');
  holder.innerHTML = html;
  const paragraphs = [...holder.querySelectorAll('p')];
  const text = (p: Element) => (p.textContent ?? '').trim();
  if (paragraphs.some((p) => text(p) === sentence.trim())) return { html, outcome: 'present' };
  const earlier = paragraphs.find((p) => REGISTER_SENTENCE.test(text(p)));
  if (earlier) {
    earlier.textContent = sentence;
    return { html: holder.innerHTML, outcome: 'replaced' };
  }
  return { html: html + textToHtml(sentence), outcome: 'inserted' };
}
