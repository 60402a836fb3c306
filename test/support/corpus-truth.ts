/**
 * The corpus reports (test/fixtures/corpus) with their hand-checked truth (truth/*.json): the
 * reports, and every cell the truth speaks of.
 */
import { readFileSync, readdirSync } from 'node:fs';

/** One truth file (format: the shared corpus's README). */
export interface Truth {
  file: string;
  agency: string;
  agencyAlt?: string[];
  year: number;
  publishedOn: string | null;
  nonzero: Record<string, number>;
  unknown?: string[];
  absentOk?: string[];
  skipProactive?: boolean;
  expectFindings?: string[];
  forbidFindings?: string[];
}

export const corpusDir = new URL('../fixtures/corpus/', import.meta.url);

export const truths: Truth[] = readdirSync(new URL('truth/', corpusDir))
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(new URL(`truth/${f}`, corpusDir), 'utf8')) as Truth);

export const corpusText = (truth: Truth) =>
  readFileSync(new URL(truth.file, corpusDir), 'utf8').replace(/\r\n?/g, '\n');

const APP_ROWS = [
  'received',
  'carried_over',
  'disclosed',
  'partially_disclosed',
  ...[
    'state_secret',
    'prohibited_by_law',
    'security_stability',
    'third_party_rights',
    'internal_affairs',
    'process_information',
    'enforcement_files',
    'administrative_query',
  ].map((k) => `withheld.${k}`),
  ...['not_held', 'needs_creation', 'still_unclear'].map((k) => `unable.${k}`),
  ...['complaint', 'duplicate', 'publication', 'excessive', 'confirmation'].map(
    (k) => `not_processed.${k}`,
  ),
  ...['no_correction', 'fee_unpaid', 'other'].map((k) => `other.${k}`),
  'total',
  'carried_forward',
];
const APP_COLUMNS = [
  'natural_person',
  'commercial',
  'research',
  'nonprofit',
  'legal_service',
  'other',
  'total',
];

/** Every cell the truth speaks of (the same 200 as the corpus score): 0 unless it says otherwise. */
export const CELLS: string[] = [
  ...APP_ROWS.flatMap((r) => APP_COLUMNS.map((c) => `applications.${r}.${c}`)),
  ...['review', 'litigation_direct', 'litigation_after_review'].flatMap((g) =>
    ['upheld', 'corrected', 'other', 'pending', 'total'].map((k) => `appeals.${g}.${k}`),
  ),
  ...['regulations', 'normative_documents'].flatMap((g) =>
    ['issued', 'repealed', 'in_force'].map((k) => `proactive.${g}.${k}`),
  ),
  ...['licensing', 'penalty', 'coercion'].map((g) => `proactive.${g}.decisions`),
  'proactive.administrative_fees.amount_wan_yuan',
];
