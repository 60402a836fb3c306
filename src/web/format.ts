/** Dates as people in China read them, whatever the browser's time zone. */

/** Today in Asia/Shanghai (UTC+8, no daylight saving), as the core wants it: YYYY-MM-DD. */
export function shanghaiToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** An instant as a Beijing-time date and time, e.g. 2026/11/24 12:03:05. */
export function formatInstant(iso: string): string {
  return new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}
