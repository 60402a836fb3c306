/** The annual report module of the workspace: the list of years, and one year's editor. */
export { ReportsPage } from './list.js';
export { ReportEditorPage } from './editor.js';
