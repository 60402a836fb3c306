/**
 * 批量导入: a ZIP or many files of reports published off the system, for the region and year;
 * a progress bar while they are read; a review table (matched agency, figures read, findings,
 * unread parts, problems) where the supervisor confirms each row or all rows without problems.
 * This module: the list of imports; one import is ./import.tsx, a row of its table
 * ./import-row.tsx.
 */
import { useEffect, useState } from 'react';
import { api } from '../../api.js';
import { Link, useRouter } from '../../router.js';
import { ErrorNotice, Page } from '../../ui.js';
import type { ImportView } from './import.js';
import { ScopeBar, useScope } from './scope.js';

/** The list of imports and a new one. */
export function SupervisionImportsPage() {
  const scope = useScope();
  const { navigate } = useRouter();
  const [imports, setImports] = useState<
    { id: string; year: number; createdAt: string; createdBy: string; files: number }[]
  >([]);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api<{ imports: typeof imports }>('GET', `/api/v1/supervision/${scope.regionCode}/imports`).then(
      (r) => setImports(r.imports),
      setError,
    );
  }, [scope.regionCode]);
  async function start() {
    try {
      const view = await api<ImportView>(
        'POST',
        `/api/v1/supervision/${scope.regionCode}/imports`,
        {
          year: scope.year,
        },
      );
      navigate(`/supervision/imports/${view.id}`);
    } catch (e) {
      setError(e);
    }
  }
  return (
    <Page title="批量导入">
      <ScopeBar />
      <ErrorNotice error={error} />
      <p>
        导入本系统之外发布的年度报告：上传一个 ZIP
        压缩包或多个文件（文本、HTML、DOCX、PDF），系统逐份读取，按报告中的机关名称（或已登记的别名）对应到本辖区的机关；
        对应不上的由您确认，不会自动猜测。
      </p>
      <button type="button" className="primary" onClick={() => void start()}>
        开始导入 {scope.regionName} {scope.year} 年度报告
      </button>
      {imports.length > 0 ? (
        <table className="data" aria-label="导入记录">
          <thead>
            <tr>
              <th>开始时间</th>
              <th>年度</th>
              <th>文件数</th>
              <th>操作人</th>
            </tr>
          </thead>
          <tbody>
            {imports.map((i) => (
              <tr key={i.id}>
                <td>
                  <Link to={`/supervision/imports/${i.id}`}>
                    {i.createdAt.slice(0, 16).replace('T', ' ')}
                  </Link>
                </td>
                <td>{i.year}</td>
                <td>{i.files}</td>
                <td>{i.createdBy}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Page>
  );
}
