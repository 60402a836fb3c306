import { useEffect, useState } from 'react';
import type { ReportDraft } from '../../../core/report/draft.js';

/**
 * A copy of the report's unsaved edits in this browser (localStorage), written at each edit:
 * a closed tab, a crash or a lost session loses nothing; the editor offers it back next time.
 */
export interface LocalDraft {
  at: string;
  /** When the server's draft it was edited from was saved. */
  base: string | null;
  draft: ReportDraft;
}

const keyOf = (agencyId: string, year: number) => `gongkai.reportDraft.${agencyId}.${year}`;

export function readLocalDraft(agencyId: string, year: number): LocalDraft | null {
  try {
    const raw = window.localStorage.getItem(keyOf(agencyId, year));
    return raw ? (JSON.parse(raw) as LocalDraft) : null;
  } catch {
    return null;
  }
}

export function clearLocalDraft(agencyId: string, year: number): void {
  window.localStorage.removeItem(keyOf(agencyId, year));
}

/** Keeps the local copy while there are unsaved edits. */
export function useLocalDraft(
  agencyId: string | null | undefined,
  year: number,
  draft: ReportDraft | null,
  dirty: boolean,
  base: string | null,
): void {
  useEffect(() => {
    if (!agencyId || !draft || !dirty) return;
    const copy: LocalDraft = { at: new Date().toISOString(), base, draft };
    try {
      window.localStorage.setItem(keyOf(agencyId, year), JSON.stringify(copy));
    } catch {
      // A full storage only loses the local copy; the editor still warns before leaving.
    }
  }, [agencyId, year, draft, dirty, base]);
}

/** The local copy found when the editor opened, until restored or discarded. */
export function useFoundLocalDraft(
  agencyId: string | null | undefined,
  year: number,
): [LocalDraft | null, (found: LocalDraft | null) => void] {
  const [found, setFound] = useState<LocalDraft | null>(() =>
    agencyId ? readLocalDraft(agencyId, year) : null,
  );
  return [found, setFound];
}
