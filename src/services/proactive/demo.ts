/**
 * A year of proactive items for each demo agency, so a newcomer sees a populated column:
 * policies with their interpretations, a normative document repealed by a later one, the
 * agency's own disclosure rules, routine items in most 第二十条 categories, and a 基层
 * catalogue entry.
 */
import type { Article20Category, Channel, ItemKind } from '../../core/proactive/categories.js';
import type { ServiceContext } from '../context.js';
import type { Agency } from '../organisations.js';
import { addCatalogueEntry } from './catalogue.js';
import { getGuide, saveGuide } from './column.js';
import { recordPublishedItem, type ItemInput } from './items.js';
import { changeValidity } from './item-changes.js';

const SYSTEM = { kind: 'system', label: '演示数据' } as const;

interface Seed {
  kind: ItemKind;
  title: string;
  body: string;
  category: Article20Category;
  genre: string;
  month: number;
  number?: string;
  channels?: Channel[];
}

/** The topic of each agency's items, from its name. */
function subject(agency: Agency) {
  if (agency.name.includes('教育'))
    return {
      short: '教',
      field: '教育',
      topic: '科技、教育',
      things: ['义务教育招生入学', '学生资助', '校外培训监管', '教师招聘'],
    };
  return {
    short: '科',
    field: '科技',
    topic: '科技、教育',
    things: ['科技型中小企业评价', '科技成果转化', '高新技术企业认定', '科技计划项目'],
  };
}

function seeds(agency: Agency, year: number): Seed[] {
  const s = subject(agency);
  const p = (text: string) => `<p>${text}</p>`;
  const list: Seed[] = [
    {
      kind: 'normative',
      title: `${agency.name}关于${s.things[0]}管理的暂行办法`,
      body:
        p(`为规范${s.things[0]}工作，根据有关法律法规，结合本市实际，制定本办法。`) +
        p('本办法自发布之日起施行，有效期三年。'),
      category: 'a20_01',
      genre: '办法',
      month: 1,
      number: `示${s.short}规〔${year}〕1号`,
    },
    {
      kind: 'normative',
      title: `${agency.name}关于${s.things[0]}管理的办法`,
      body:
        p(`第一条 为进一步规范${s.things[0]}工作，制定本办法。`) +
        p(
          `第二十条 本办法自发布之日起施行，《${agency.name}关于${s.things[0]}管理的暂行办法》同时废止。`,
        ),
      category: 'a20_01',
      genre: '办法',
      month: 9,
      number: `示${s.short}规〔${year}〕2号`,
    },
    {
      kind: 'policy',
      title: `示范市促进${s.things[1]}的若干措施`,
      body:
        p(`为加快${s.things[1]}，推动${s.field}事业高质量发展，提出以下措施。`) +
        p('一、加大财政支持力度。二、优化服务流程。三、强化人才保障。'),
      category: 'a20_03',
      genre: '意见',
      month: 3,
      number: `示${s.short}发〔${year}〕5号`,
      channels: ['website', 'new_media', 'newspaper'],
    },
    {
      kind: 'policy',
      title: `关于开展${year}年度${s.things[2]}工作的通知`,
      body:
        p(`各有关单位：现就${year}年度${s.things[2]}工作有关事项通知如下。`) +
        p('申报材料请于规定时间内通过网上平台提交。'),
      category: 'a20_05',
      genre: '通知',
      month: 4,
      number: `示${s.short}发〔${year}〕8号`,
    },
    {
      kind: 'system',
      title: `${agency.name}政府信息公开保密审查制度`,
      body:
        p('第一条 坚持“先审查、后公开”和“一事一审”原则，拟公开的政府信息须经保密审查。') +
        p('第二条 保密审查内容包括是否涉及国家秘密、工作秘密、商业秘密和个人隐私。'),
      category: 'a20_15',
      genre: '规定',
      month: 2,
    },
    {
      kind: 'system',
      title: `${agency.name}政府信息公开工作制度`,
      body: p('第一条 本机关办公室是政府信息公开工作机构，负责本机关政府信息公开的日常工作。'),
      category: 'a20_15',
      genre: '规定',
      month: 2,
    },
    {
      kind: 'general',
      title: `${agency.name}机构职能`,
      body: p(`${agency.name}是示范市人民政府工作部门，负责全市${s.field}工作。`),
      category: 'a20_02',
      genre: '其他',
      month: 1,
    },
    {
      kind: 'general',
      title: `${agency.name}${year}年部门预算`,
      body: p(`${year}年收入预算、支出预算及“三公”经费预算情况说明。`),
      category: 'a20_07',
      genre: '报告',
      month: 2,
    },
    {
      kind: 'general',
      title: `${agency.name}${year - 1}年部门决算`,
      body: p(`${year - 1}年度收入支出决算总表及情况说明。`),
      category: 'a20_07',
      genre: '报告',
      month: 8,
    },
    {
      kind: 'general',
      title: `${year}年${s.field}统计数据`,
      body: p(`${year}年上半年全市${s.field}主要指标运行情况。`),
      category: 'a20_04',
      genre: '报告',
      month: 7,
    },
    {
      kind: 'general',
      title: `${agency.name}${year}年政府采购意向公开`,
      body: p('采购项目名称、采购需求概况、预算金额、预计采购时间。'),
      category: 'a20_09',
      genre: '公告',
      month: 5,
    },
    {
      kind: 'general',
      title: `${agency.name}${year}年公开招聘事业单位工作人员公告`,
      body: p('招聘岗位、名额、报考条件及报名方式。'),
      category: 'a20_14',
      genre: '公告',
      month: 6,
    },
    {
      kind: 'general',
      title: `${s.things[3]}拟录用人员公示`,
      body: p('经笔试、面试、体检和考察，拟录用以下人员，现予公示。'),
      category: 'a20_14',
      genre: '公告',
      month: 10,
    },
    {
      kind: 'general',
      title: `${agency.name}行政处罚决定书（示${s.short}罚〔${year}〕3号）`,
      body: p('当事人违反有关规定，依法作出警告的行政处罚。'),
      category: 'a20_06',
      genre: '决定',
      month: 11,
    },
    {
      kind: 'general',
      title: `${agency.name}突发事件应急预案`,
      body: p('为有效应对本系统突发事件，保障人民群众生命财产安全，制定本预案。'),
      category: 'a20_12',
      genre: '其他',
      month: 12,
    },
  ];
  return list;
}

/** The government's own items (its agency recorded with is_government): a few, across sections. */
function governmentSeeds(agency: Agency, year: number): Seed[] {
  const p = (text: string) => `<p>${text}</p>`;
  return [
    {
      kind: 'system',
      title: `${agency.name}政府信息公开工作规定`,
      body:
        p(
          '第一条 本级政府办公室是政府信息公开工作主管部门，负责推进、指导、协调、监督全市政府信息公开工作。',
        ) + p('第二条 各部门应当建立健全政府信息公开发布、保密审查和协调机制。'),
      category: 'a20_15',
      genre: '规定',
      month: 2,
    },
    {
      kind: 'normative',
      title: `${agency.name}关于印发示范市城市道路管理办法的通知`,
      body:
        p(
          '各区人民政府，市政府各部门：现将《示范市城市道路管理办法》印发给你们，请认真贯彻执行。',
        ) + p('本办法自印发之日起施行，有效期五年。'),
      category: 'a20_01',
      genre: '通知',
      month: 4,
      number: `示政规〔${year}〕1号`,
    },
    {
      kind: 'policy',
      title: `${year}年示范市政府工作报告`,
      body: p(
        `${year}年，全市经济社会发展主要预期目标是：地区生产总值增长百分之五左右，城镇新增就业2万人以上。`,
      ),
      category: 'a20_03',
      genre: '报告',
      month: 1,
      channels: ['website', 'new_media', 'newspaper'],
    },
    {
      kind: 'general',
      title: `示范市${year - 1}年国民经济和社会发展统计公报`,
      body: p(`${year - 1}年全市地区生产总值、固定资产投资、居民收入等主要统计数据。`),
      category: 'a20_04',
      genre: '报告',
      month: 3,
    },
    {
      kind: 'general',
      title: `示范市${year}年市级财政预算`,
      body: p(`${year}年市级一般公共预算收支情况及“三公”经费预算说明。`),
      category: 'a20_07',
      genre: '报告',
      month: 2,
    },
    {
      kind: 'general',
      title: `示范市${year}年重大建设项目计划`,
      body: p('重点推进交通、水利、教育、医疗等领域重大建设项目，项目清单附后。'),
      category: 'a20_10',
      genre: '其他',
      month: 3,
    },
  ];
}

/** The government's own guide, edited once (so its column shows a saved version). */
async function seedGovernmentGuide(ctx: ServiceContext, agency: Agency): Promise<void> {
  const generated = (await getGuide(ctx.store.db, agency.id)).sections;
  await saveGuide(ctx, SYSTEM, agency.id, [
    ...generated,
    {
      heading: '六、政府信息公开工作机构',
      text: `${agency.name}办公室是本级政府的政府信息公开工作机构，负责受理向${agency.name}提出的政府信息公开申请。各部门的政府信息公开指南见本专栏“政府信息公开指南”页。`,
    },
  ]);
}

async function seedGovernmentItems(ctx: ServiceContext, agency: Agency, year: number) {
  for (const seed of governmentSeeds(agency, year)) {
    const publishedOn = `${year}-${String(seed.month).padStart(2, '0')}-${String(10 + (seed.title.length % 15)).padStart(2, '0')}`;
    await recordPublishedItem(ctx, SYSTEM, agency.id, {
      kind: seed.kind,
      title: seed.title,
      bodyHtml: seed.body,
      summary: seed.title,
      documentNumber: seed.number ?? null,
      issuingBody: agency.name,
      writtenOn: publishedOn,
      topic: '综合政务',
      genre: seed.genre,
      article20Category: seed.category,
      channels: seed.channels ?? ['website', 'new_media'],
      publishedOn,
    });
  }
  await seedGovernmentGuide(ctx, agency);
}

export async function seedDemoItems(
  ctx: ServiceContext,
  agencies: readonly Agency[],
): Promise<void> {
  const year = ctx.clock.now().getUTCFullYear() - 1;
  for (const agency of agencies) {
    if (agency.isGovernment) {
      await seedGovernmentItems(ctx, agency, year);
      continue;
    }
    const ids = new Map<string, string>();
    for (const seed of seeds(agency, year)) {
      const publishedOn = `${year}-${String(seed.month).padStart(2, '0')}-${String(10 + (seed.title.length % 15)).padStart(2, '0')}`;
      const input: ItemInput & { publishedOn: string } = {
        kind: seed.kind,
        title: seed.title,
        bodyHtml: seed.body,
        summary: seed.title,
        documentNumber: seed.number ?? null,
        issuingBody: agency.name,
        writtenOn: publishedOn,
        topic: subject(agency).topic,
        genre: seed.genre,
        article20Category: seed.category,
        channels: seed.channels ?? ['website', 'new_media'],
        publishedOn,
      };
      ids.set(seed.title, (await recordPublishedItem(ctx, SYSTEM, agency.id, input)).id);
    }
    const [oldRule, newRule, policy] = [...ids.values()];
    await changeValidity(ctx, SYSTEM, agency.id, oldRule!, {
      validity: 'repealed',
      changedOn: `${year}-09-${String(10 + (seeds(agency, year)[1]!.title.length % 15)).padStart(2, '0')}`,
      successorId: newRule!,
    });
    const policyTitle = seeds(agency, year)[2]!.title;
    for (const [form, title, days] of [
      ['text', `一图读懂：${policyTitle.replace(/^示范市/, '')}`, 3],
      ['text', `《${policyTitle}》政策解读`, 1],
    ] as const) {
      const on = new Date(Date.UTC(year, 2, 10 + (policyTitle.length % 15) + days))
        .toISOString()
        .slice(0, 10);
      await recordPublishedItem(ctx, SYSTEM, agency.id, {
        kind: 'interpretation',
        title,
        bodyHtml: `<p>${policyTitle}出台的背景、主要内容和支持对象解读。</p>`,
        summary: '',
        issuingBody: agency.name,
        writtenOn: on,
        topic: subject(agency).topic,
        genre: '其他',
        article20Category: 'a20_03',
        channels: ['website', 'new_media'],
        policyId: policy!,
        interpretationForm: form === 'text' && title.startsWith('一图') ? 'graphic' : 'text',
        publishedOn: on,
      });
    }
    await addCatalogueEntry(ctx, SYSTEM, agency.id, {
      matter: `${subject(agency).things[3]}信息`,
      content: '招聘公告、拟录用人员名单',
      basis: '《事业单位公开招聘人员暂行规定》',
      timeLimit: '信息形成之日起20个工作日内',
      subject: agency.name,
      channels: '政府网站、政务新媒体',
      audience: '全社会',
      method: '主动公开',
      level: '市级',
      cycle: 'quarterly',
      startsOn: `${year}-01-01`,
      dueDays: 30,
    });
  }
}
