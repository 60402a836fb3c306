import { useEffect, useRef } from 'react';

/** The prose of a section: a small rich-text editor, and plain text to and from its HTML. */

export function RichText({
  html,
  onChange,
  label,
  readOnly,
}: {
  html: string;
  onChange: (html: string) => void;
  label: string;
  readOnly: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (ref.current && ref.current.innerHTML !== html) ref.current.innerHTML = html;
    // Only when the section changes from outside (load, correction), not on each keystroke.
  }, [label]);
  const command = (name: string) => {
    document.execCommand(name);
    if (ref.current) onChange(ref.current.innerHTML);
  };
  return (
    <div className="rich">
      {readOnly ? null : (
        <div className="toolbar" role="toolbar" aria-label={`${label}格式`}>
          <button type="button" onClick={() => command('bold')} title="加粗">
            <strong>B</strong>
          </button>
          <button type="button" onClick={() => command('italic')} title="斜体">
            <em>I</em>
          </button>
          <button type="button" onClick={() => command('insertUnorderedList')} title="列表">
            • 列表
          </button>
        </div>
      )}
      <div
        ref={ref}
        className="editor"
        role="textbox"
        aria-multiline="true"
        aria-label={label}
        contentEditable={!readOnly}
        suppressContentEditableWarning
        onInput={(e) => onChange((e.target as HTMLDivElement).innerHTML)}
      />
    </div>
  );
}

export function textToHtml(text: string): string {
  const escape = (s: string) =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return text
    .split('\n')
    .filter((p) => p.trim())
    .map((p) => `<p>${escape(p)}</p>`)
    .join('');
}

export function htmlToPlainText(html: string): string {
  const div = document.createElement('div');
  div.innerHTML = html.replace(/<\/(p|li|div|h3|h4)>|<br\s*\/?>/gi, '\n');
  return (div.textContent ?? '').replace(/\n{3,}/g, '\n\n').trim();
}
