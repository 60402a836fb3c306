/**
 * The public 政府信息公开 column's fixed parts: the 指南 (generated from the agency profile and
 * its applications settings, editable, every saved edit a new version) and the site identity
 * of 国办发〔2017〕47号 (set by the system administrator, shown in every public page's footer and
 * <meta> tags).
 */
import { invalidField } from '../../core/errors.js';
import type { Db } from '../../store/database.js';
import { recordChange } from '../audit.js';
import { getSettings } from '../applications/settings.js';
import { actorLabel, type Actor, type ServiceContext } from '../context.js';
import { getAgency } from '../organisations.js';
import { plainLine } from './model.js';

export interface GuideSection {
  heading: string;
  text: string;
}

export interface Guide {
  agencyId: string;
  /** 0 = generated, not yet saved. */
  version: number;
  sections: GuideSection[];
  savedAt: string | null;
  savedBy: string | null;
}

/** The guide as the agency's own settings give it, before anyone edits it. */
export async function generatedGuide(db: Db, agencyId: string): Promise<GuideSection[]> {
  const agency = await getAgency(db, agencyId);
  const settings = await getSettings(db, agencyId);
  const contact = [
    agency.address && `地址：${agency.address}`,
    agency.postcode && `邮编：${agency.postcode}`,
    agency.phone && `电话：${agency.phone}`,
    agency.email && `电子邮箱：${agency.email}`,
    agency.officeHours && `办公时间：${agency.officeHours}`,
  ].filter(Boolean);
  return [
    {
      heading: '一、主动公开',
      text: `${agency.name}主动公开的政府信息，通过本机关政府信息公开专栏（政府信息公开指南、政府信息公开制度、法定主动公开内容、政府信息公开年报）发布，也可通过政务新媒体、公开栏等渠道获取。信息自形成或变更之日起20个工作日内公开（条例第二十六条）。`,
    },
    {
      heading: '二、依申请公开',
      text: `公民、法人或者其他组织可以通过本专栏的“申请政府信息公开”在线提交申请，也可以信函、当面等方式提出。受理机构：${agency.name}。${contact.join('；')}。`,
    },
    {
      heading: '三、办理时限',
      text: `能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复；需要延长的，经政府信息公开工作机构负责人同意并告知申请人，延长期限最长不超过20个工作日（条例第三十三条）。期限计算方式：${settings.clock.countFrom === 'same_day' ? '自收到申请之日起算' : '自收到申请之日的次日起算'}。`,
    },
    {
      heading: '四、收费',
      text: '行政机关依申请提供政府信息，不收取费用；申请公开政府信息的数量、频次明显超过合理范围的，可以依照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费。',
    },
    {
      heading: '五、监督和救济',
      text: `认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议${settings.effectiveReviewBody ? `（复议机关：${settings.effectiveReviewBody}）` : ''}或者提起行政诉讼${settings.court ? `（${settings.court}）` : ''}（条例第五十一条）。`,
    },
  ];
}

export async function getGuide(db: Db, agencyId: string): Promise<Guide> {
  const row = await db
    .selectFrom('proactive_guide')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row)
    return {
      agencyId,
      version: 0,
      sections: await generatedGuide(db, agencyId),
      savedAt: null,
      savedBy: null,
    };
  return {
    agencyId,
    version: row.version,
    sections: JSON.parse(row.body_json) as GuideSection[],
    savedAt: row.created_at,
    savedBy: row.created_by,
  };
}

/** Every saved version of the guide, newest first (the current one included). */
export async function listGuideVersions(db: Db, agencyId: string): Promise<Guide[]> {
  const rows = await db
    .selectFrom('proactive_guide')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((row) => ({
    agencyId,
    version: row.version,
    sections: JSON.parse(row.body_json) as GuideSection[],
    savedAt: row.created_at,
    savedBy: row.created_by,
  }));
}

export async function saveGuide(
  ctx: ServiceContext,
  actor: Actor,
  agencyId: string,
  sections: GuideSection[],
): Promise<Guide> {
  const clean = sections
    .map((s) => ({
      heading: plainLine(s.heading, 100),
      text: s.text.replace(/\r\n/g, '\n').trim().slice(0, 5000),
    }))
    .filter((s) => s.heading || s.text);
  if (clean.length === 0) throw invalidField('sections', '指南不能为空：请至少保留一节。');
  if (clean.length > 30) throw invalidField('sections', '指南最多 30 节。');
  const now = ctx.clock.now();
  return ctx.store.transaction(async (t) => {
    const current = await getGuide(t, agencyId);
    const version = current.version + 1;
    await t
      .insertInto('proactive_guide')
      .values({
        agency_id: agencyId,
        version,
        body_json: JSON.stringify(clean),
        created_at: now.toISOString(),
        created_by: actorLabel(actor),
      })
      .execute();
    await recordChange(ctx, t, actor, now, {
      action: 'proactive.guide_save',
      entityType: 'agency',
      entityId: agencyId,
      agencyId,
      after: { version },
    });
    return getGuide(t, agencyId);
  });
}

export interface SiteIdentity {
  siteName: string;
  siteDomain: string;
  sponsor: string;
  organiser: string;
  siteIdCode: string;
  icpRecord: string;
  policeRecord: string;
  contact: string;
}

export const DEFAULT_SITE_IDENTITY: SiteIdentity = {
  siteName: '政府信息公开',
  siteDomain: 'localhost',
  sponsor: '',
  organiser: '',
  siteIdCode: '',
  icpRecord: '',
  policeRecord: '',
  contact: '',
};

/**
 * Every public page shows it: read at most once a second per database (a process may hold more
 * than one — the tests start servers on SQLite and PostgreSQL side by side).
 */
const cached = new WeakMap<Db, { at: number; value: SiteIdentity }>();

export async function getSiteIdentity(db: Db): Promise<SiteIdentity> {
  const hit = cached.get(db);
  if (hit && Date.now() - hit.at < 1000) return hit.value;
  const row = await db
    .selectFrom('site_identity')
    .selectAll()
    .where('id', '=', 'site')
    .executeTakeFirst();
  const value: SiteIdentity = row
    ? {
        siteName: row.site_name,
        siteDomain: row.site_domain,
        sponsor: row.sponsor,
        organiser: row.organiser,
        siteIdCode: row.site_id_code,
        icpRecord: row.icp_record,
        policeRecord: row.police_record,
        contact: row.contact,
      }
    : DEFAULT_SITE_IDENTITY;
  cached.set(db, { at: Date.now(), value });
  return value;
}

export async function saveSiteIdentity(
  ctx: ServiceContext,
  actor: Actor,
  input: SiteIdentity,
): Promise<SiteIdentity> {
  const v = Object.fromEntries(
    Object.entries(input).map(([k, x]) => [k, plainLine(String(x ?? ''), 200)]),
  ) as unknown as SiteIdentity;
  if (!v.siteName) throw invalidField('siteName', '请填写网站名称。');
  if (v.siteIdCode && !/^[0-9A-Za-z]{6,20}$/.test(v.siteIdCode))
    throw invalidField('siteIdCode', '网站标识码由字母和数字组成（通常 10 位），请核对。');
  const now = ctx.clock.now();
  await ctx.store.transaction(async (t) => {
    const row = {
      id: 'site',
      site_name: v.siteName,
      site_domain: v.siteDomain,
      sponsor: v.sponsor,
      organiser: v.organiser,
      site_id_code: v.siteIdCode,
      icp_record: v.icpRecord,
      police_record: v.policeRecord,
      contact: v.contact,
      updated_at: now.toISOString(),
      updated_by: actorLabel(actor),
    };
    const { id: _id, ...rest } = row;
    await t
      .insertInto('site_identity')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet(rest))
      .execute();
    await recordChange(ctx, t, actor, now, {
      action: 'site.identity',
      entityType: 'site_identity',
      entityId: 'site',
      after: v,
    });
  });
  cached.delete(ctx.store.db);
  return getSiteIdentity(ctx.store.db);
}
