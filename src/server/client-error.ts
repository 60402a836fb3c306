/**
 * Requests Node's HTTP parser refuses before Fastify sees them — above all a request line or
 * headers past the server's limit (a very long search query in the address: Node answers 431) —
 * get a Chinese page that says what is wrong and what to do, not Node's English JSON.
 */
import type { Socket } from 'node:net';

const page = (title: string, advice: string) =>
  `<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>
<body><main><h1>${title}</h1><p>${advice}</p><p><a href="/portal/">返回门户首页</a></p></main></body>
</html>
`;

const ANSWERS: Record<string, { status: number; reason: string; title: string; advice: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    reason: 'Request Header Fields Too Large',
    title: '请求的地址过长',
    advice:
      '网址或请求信息太长，服务器无法处理（例如检索词过长）。请缩短检索词（检索只使用前面的部分）后重新检索。',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    reason: 'Request Timeout',
    title: '请求超时',
    advice: '服务器等待请求的时间过长。请检查网络后重试。',
  },
};
const BAD_REQUEST = {
  status: 400,
  reason: 'Bad Request',
  title: '请求格式有误',
  advice: '服务器无法识别这个请求。请从门户页面重新进入，或检查网址是否完整。',
};

/** Fastify's clientErrorHandler: answers on the raw socket, then closes it (as Node does). */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  // A connection reset or an already closed socket has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    const answer = (error.code && ANSWERS[error.code]) || BAD_REQUEST;
    const body = page(answer.title, answer.advice);
    socket.write(
      `HTTP/1.1 ${answer.status} ${answer.reason}\r\n` +
        `Content-Type: text/html; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
