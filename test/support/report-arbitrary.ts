/**
 * Random valid, complete annual reports for property tests, round trips and benchmarks.
 *
 * Every table is made with the model's builders, so each row's 总计, （七）总计 and the 总计 of
 * 行政复议 and 行政诉讼 are right by construction; 一 + 二 = 三（七） + 四 holds in every column
 * because 二、上年结转 is chosen as a part of （七）+ 四 and 一 is the rest. The narrative quotes the
 * same figures the tables hold, the title and the statistics period name the report's year, and
 * the publication date falls within the deadline of 条例第四十九条, so validateReport finds no error.
 *
 * @example
 *   fc.assert(fc.property(arbitraryReport(), (report) => !hasErrors(validateReport(report))));
 */
import fc from 'fast-check';
import {
  APPLICANT_COLUMN_KEYS,
  OUTCOME_ROW_KEYS,
  SECTION_DEFINITIONS,
} from '../../src/core/report/format.js';
import {
  buildAppealsTable,
  buildApplicationTable,
  buildProactiveTable,
  zeroApplicationFigures,
  type AgencyLevel,
  type AnnualReport,
  type AppealFigures,
  type ApplicationFigures,
  type ProactiveFigures,
  type ReportSection,
} from '../../src/core/report/model.js';

const PLACES = [
  '中卫市',
  '温县',
  '枣庄市市中区',
  '北京市海淀区',
  '成都市',
  '银川市兴庆区',
  '长沙县',
  '苏州工业园区',
  '喀什地区',
  '延边朝鲜族自治州',
];
const DEPARTMENTS = [
  '科学技术局',
  '教育局',
  '财政局',
  '自然资源局',
  '卫生健康委员会',
  '市场监督管理局',
  '交通运输局',
  '工业和信息化局',
  '住房和城乡建设局',
  '人力资源和社会保障局',
];

export interface ArbitraryReportOptions {
  /** First and last year covered (inclusive). Default 2021–2026. */
  minYear?: number;
  maxYear?: number;
  /** Whether to add a section 七、相关说明 sometimes. Default true. */
  extraSection?: boolean;
}

/** A count: mostly zero, often small, sometimes large (as in real reports). */
export function arbitraryCount(max = 5000): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant(0) },
    { weight: 3, arbitrary: fc.integer({ min: 1, max: Math.min(20, max) }) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max }) },
  );
}

/** 万元 with at most two decimals, as reports print them. */
const arbitraryFee = fc.oneof(
  { weight: 3, arbitrary: fc.constant(0) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 1_000_000 }).map((fen) => fen / 100) },
);

const record = <K extends string, V>(keys: readonly K[], value: fc.Arbitrary<V>) =>
  fc
    .tuple(...keys.map(() => value))
    .map((values) => Object.fromEntries(keys.map((k, i) => [k, values[i]])) as Record<K, V>);

const applicantCounts = (max: number) => record(APPLICANT_COLUMN_KEYS, arbitraryCount(max));

/** Table 三 figures that balance in every column. */
export function arbitraryApplicationFigures(): fc.Arbitrary<ApplicationFigures> {
  return fc
    .record({
      outcomes: record(OUTCOME_ROW_KEYS, applicantCounts(400)),
      carriedForward: applicantCounts(100),
      // Per column, the share (percent) of 三（七）+ 四 that came over from last year.
      carriedOverShare: record(
        APPLICANT_COLUMN_KEYS,
        fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, fc.integer({ min: 0, max: 100 })),
      ),
    })
    .map(({ outcomes, carriedForward, carriedOverShare }) => {
      const figures = zeroApplicationFigures();
      for (const row of OUTCOME_ROW_KEYS) figures[row] = outcomes[row];
      figures.carried_forward = carriedForward;
      for (const column of APPLICANT_COLUMN_KEYS) {
        const handled =
          OUTCOME_ROW_KEYS.reduce((sum, row) => sum + outcomes[row][column], 0) +
          carriedForward[column];
        const carriedOver = Math.floor((handled * carriedOverShare[column]) / 100);
        figures.carried_over[column] = carriedOver;
        figures.received[column] = handled - carriedOver;
      }
      return figures;
    });
}

export function arbitraryAppealFigures(): fc.Arbitrary<AppealFigures> {
  const outcomes = fc.record({
    upheld: arbitraryCount(50),
    corrected: arbitraryCount(50),
    other: arbitraryCount(50),
    pending: arbitraryCount(50),
  });
  return fc.record({
    review: outcomes,
    litigation_direct: outcomes,
    litigation_after_review: outcomes,
  });
}

export function arbitraryProactiveFigures(): fc.Arbitrary<ProactiveFigures> {
  const documents = fc.record({
    issued: arbitraryCount(200),
    repealed: arbitraryCount(200),
    in_force: arbitraryCount(2000),
  });
  const decisions = fc.record({ decisions: arbitraryCount(100_000) });
  return fc.record({
    regulations: documents,
    normative_documents: documents,
    licensing: decisions,
    penalty: decisions,
    coercion: decisions,
    administrative_fees: fc.record({ amount_wan_yuan: arbitraryFee }),
  });
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A publication date within the deadline of 条例第四十九条 for the level. */
function arbitraryPublishedOn(year: number, level: AgencyLevel): fc.Arbitrary<string> {
  const lastDay = level === 'department' ? 30 : 31 + 28 + 30; // days after 1 January
  return fc.integer({ min: 0, max: lastDay }).map((offset) => {
    const date = new Date(Date.UTC(year + 1, 0, 1 + offset));
    return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  });
}

const sectionTitle = (key: (typeof SECTION_DEFINITIONS)[number]['key']) => {
  const definition = SECTION_DEFINITIONS.find((s) => s.key === key)!;
  return { key, number: definition.number, title: definition.title };
};

/** A random valid, complete report (see the module comment). */
export function arbitraryReport(options: ArbitraryReportOptions = {}): fc.Arbitrary<AnnualReport> {
  const minYear = options.minYear ?? 2021;
  const maxYear = options.maxYear ?? 2026;
  return fc
    .record({
      level: fc.constantFrom<AgencyLevel>('department', 'government'),
      place: fc.constantFrom(...PLACES),
      department: fc.constantFrom(...DEPARTMENTS),
      year: fc.integer({ min: minYear, max: maxYear }),
      applications: arbitraryApplicationFigures(),
      appeals: arbitraryAppealFigures(),
      proactive: arbitraryProactiveFigures(),
      proactiveItems: fc.integer({ min: 0, max: 5000 }),
      preambleVariant: fc.integer({ min: 0, max: 2 }),
      extraSection: fc.boolean(),
    })
    .chain((drawn) => {
      const agency =
        drawn.level === 'government'
          ? `${drawn.place}人民政府`
          : `${drawn.place}${drawn.department}`;
      return arbitraryPublishedOn(drawn.year, drawn.level).map((publishedOn) =>
        assembleReport({
          ...drawn,
          agency,
          publishedOn,
          extraSection: drawn.extraSection && options.extraSection !== false,
        }),
      );
    });
}

interface Drawn {
  level: AgencyLevel;
  agency: string;
  year: number;
  publishedOn: string;
  applications: ApplicationFigures;
  appeals: AppealFigures;
  proactive: ProactiveFigures;
  proactiveItems: number;
  preambleVariant: number;
  extraSection: boolean;
}

function assembleReport(drawn: Drawn): AnnualReport {
  const { agency, year } = drawn;
  const applications = buildApplicationTable(drawn.applications);
  const appeals = buildAppealsTable(drawn.appeals);
  const received = applications.received?.total ?? 0;
  const carriedForward = applications.carried_forward?.total ?? 0;
  const reviews = appeals.review?.total ?? 0;
  const lawsuits =
    (appeals.litigation_direct?.total ?? 0) + (appeals.litigation_after_review?.total ?? 0);
  const [publishedYear, publishedMonth, publishedDay] = drawn.publishedOn.split('-').map(Number);

  const basis = [
    `本报告根据《中华人民共和国政府信息公开条例》（国务院令第711号，以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）要求编制。`,
    `本年度报告根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发<中华人民共和国政府信息公开工作年度报告格式>的通知》相关要求编制并向社会公开。`,
    `根据《中华人民共和国政府信息公开条例》规定，现公布${agency}${year}年政府信息公开工作年度报告。`,
  ][drawn.preambleVariant]!;
  const preamble = `${basis}本报告中所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。如对本报告有疑问，请与${agency}办公室联系。`;

  const requests =
    received === 0
      ? `${year}年，${agency}未收到政府信息公开申请。`
      : `${year}年，${agency}共收到政府信息公开申请${received}件，均依法按期答复。`;
  const appealsText =
    reviews === 0 && lawsuits === 0
      ? '全年未发生因政府信息公开引起的行政复议、行政诉讼。'
      : `全年因政府信息公开引起行政复议${reviews}件、行政诉讼${lawsuits}件。`;
  const carryText = carriedForward === 0 ? '' : `另有${carriedForward}件申请结转下年度继续办理。`;

  const sections: ReportSection[] = [
    {
      ...sectionTitle('overview'),
      text: [
        `${year}年，${agency}认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政府信息公开工作。`,
        `（一）主动公开情况。全年主动公开政府信息${drawn.proactiveItems}条。`,
        `（二）依申请公开情况。${requests}${carryText}`,
        '（三）政府信息管理情况。严格落实“先审查、后公开”和“一事一审”制度。',
        '（四）政府信息公开平台建设情况。依托政府门户网站和政务新媒体发布信息。',
        `（五）监督保障情况。${appealsText}`,
      ].join('\n'),
    },
    { ...sectionTitle('proactive'), text: '' },
    { ...sectionTitle('applications'), text: '' },
    { ...sectionTitle('appeals'), text: '' },
    {
      ...sectionTitle('problems'),
      text: '一是公开内容还不够丰富。二是政策解读形式较为单一。\n下一步，将进一步加强培训，提升政府信息公开工作质量。',
    },
    {
      ...sectionTitle('other'),
      text: `（一）收取信息处理费情况\n${year}年度未收取信息处理费。\n（二）人大代表建议和政协委员提案办理情况\n全年承办的建议和提案均已按时办结。`,
    },
  ];
  if (drawn.extraSection) {
    sections.push({
      key: null,
      number: '七',
      title: '相关说明',
      text: `本报告电子版可在${agency}门户网站下载。`,
    });
  }

  return {
    agency,
    agencyLevel: drawn.level,
    year,
    publishedOn: drawn.publishedOn,
    title: `${agency}${year}年政府信息公开工作年度报告`,
    format: '2021',
    preamble,
    sections,
    tables: {
      proactive: buildProactiveTable(drawn.proactive),
      applications,
      appeals,
    },
    closing: `${agency}\n${publishedYear}年${publishedMonth}月${publishedDay}日`,
  };
}
