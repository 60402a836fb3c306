/** The document formats a report renders to (light: the CLI's help lists them). */
export const DOCUMENT_FORMATS = ['html', 'docx', 'pdf', 'json', 'csv', 'txt'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** File extension, MIME type and Chinese name of each document format. */
export const DOCUMENT_TYPES: Record<
  DocumentFormat,
  { extension: string; contentType: string; name: string }
> = {
  html: { extension: 'html', contentType: 'text/html; charset=utf-8', name: '网页' },
  docx: {
    extension: 'docx',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    name: 'Word 文档',
  },
  pdf: { extension: 'pdf', contentType: 'application/pdf', name: 'PDF' },
  json: { extension: 'json', contentType: 'application/json; charset=utf-8', name: 'JSON 数据' },
  csv: { extension: 'csv', contentType: 'text/csv; charset=utf-8', name: 'CSV 表格' },
  txt: { extension: 'txt', contentType: 'text/plain; charset=utf-8', name: '纯文本' },
};
