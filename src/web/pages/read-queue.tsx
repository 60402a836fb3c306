import { useEffect, useState } from 'react';
import { api } from '../api.js';

/** GET /api/v1/imports/queue: the server's reading pool as the signed-in person sees it. */
export interface ReadQueue {
  workers: number;
  reading: number;
  waiting: number;
  /** This person's files waiting for a reading thread, with their places in line (1 = next). */
  mine: { file: string; position: number }[];
}

/**
 * The reading pool's queue, asked every second while `active` (a file of this person's is
 * being read or waiting); null before the first answer or when inactive.
 */
export function useReadQueue(active: boolean): ReadQueue | null {
  const [queue, setQueue] = useState<ReadQueue | null>(null);
  useEffect(() => {
    if (!active) {
      setQueue(null);
      return;
    }
    let stopped = false;
    const ask = async () => {
      try {
        const answer = await api<ReadQueue>('GET', '/api/v1/imports/queue');
        if (!stopped) setQueue(answer);
      } catch {
        // The status line stays "正在读取…"; the upload itself reports its own error.
      }
    };
    void ask();
    const timer = setInterval(() => void ask(), 1000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [active]);
  return queue;
}

/** The status of a file being uploaded: its place in line while it waits, else reading. */
export function readingStatus(queue: ReadQueue | null, file: string): string {
  const place = queue?.mine.find((m) => m.file === file);
  if (!place) return '正在读取…';
  return `排队等候读取：第 ${place.position} 位（${queue!.reading} 个文件正在读取，最多同时读取 ${queue!.workers} 个）`;
}
