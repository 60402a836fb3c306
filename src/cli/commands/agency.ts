import { AppError } from '../../core/errors.js';
import { CliExit, EXIT } from '../io.js';
import { openRuntime } from '../runtime.js';
import type { RegisterCommand } from './index.js';

interface AgencyCreateOptions {
  region: string;
  regionName?: string;
  parentRegion?: string;
  government: string;
  name: string;
  isGovernment?: boolean;
  creditCode?: string;
  address?: string;
  postcode?: string;
  phone?: string;
  email?: string;
  officeHours?: string;
}

export const registerAgency: RegisterCommand = (program, io) => {
  const agency = program.command('agency').description('机关');
  agency
    .command('list')
    .description('列出全部机关及其编号（新建用户时用）')
    .action(async () => {
      const { listAgenciesAll } = await import('../../store/repositories/organisations.js');
      const runtime = await openRuntime(io);
      try {
        const agencies = await listAgenciesAll(runtime.store.db);
        if (agencies.length === 0)
          io.stdout.write('还没有机关。可用 gongkai agency create 建立。\n');
        for (const a of agencies) io.stdout.write(`${a.id}\t${a.name}\t${a.government_name}\n`);
      } finally {
        await runtime.close();
      }
    });
  agency
    .command('create')
    .description('建立机关；所属行政区划和人民政府不存在时一并建立')
    .requiredOption('--region <代码>', '行政区划代码（6 位，如 640500）')
    .option('--region-name <名称>', '行政区划名称（区划尚未建立时必填，如 中卫市）')
    .option('--parent-region <代码>', '上级行政区划代码（如 640000）')
    .requiredOption('--government <名称>', '所属人民政府（如 中卫市人民政府）')
    .requiredOption('--name <名称>', '机关全称（如 中卫市科学技术局）')
    .option(
      '--is-government',
      '该机关就是人民政府本身（年度报告 3 月 31 日前公布，而非 1 月 31 日）',
    )
    .option('--credit-code <代码>', '统一社会信用代码')
    .option('--address <地址>', '办公地址')
    .option('--postcode <邮编>', '邮政编码')
    .option('--phone <电话>', '联系电话')
    .option('--email <邮箱>', '电子邮箱')
    .option('--office-hours <时间>', '办公时间')
    .action(async (options: AgencyCreateOptions) => {
      const { setUpAgency } = await import('../../services/organisations.js');
      const runtime = await openRuntime(io);
      try {
        const created = await setUpAgency(
          runtime.ctx,
          { kind: 'system', label: '命令行 gongkai agency create' },
          {
            regionCode: options.region,
            ...(options.regionName ? { regionName: options.regionName } : {}),
            parentRegionCode: options.parentRegion ?? null,
            governmentName: options.government,
            agency: {
              name: options.name,
              isGovernment: options.isGovernment === true,
              creditCode: options.creditCode ?? null,
              ...(options.address ? { address: options.address } : {}),
              ...(options.postcode ? { postcode: options.postcode } : {}),
              ...(options.phone ? { phone: options.phone } : {}),
              ...(options.email ? { email: options.email } : {}),
              ...(options.officeHours ? { officeHours: options.officeHours } : {}),
            },
          },
        );
        io.stdout.write(
          `已建立机关：${created.name}（${created.governmentName}），编号 ${created.id}\n`,
        );
      } catch (error) {
        if (error instanceof AppError) {
          const field = error.details.field ? `（${String(error.details.field)}）` : '';
          throw new CliExit(EXIT.usage, `无法建立机关${field}：${error.message}`);
        }
        throw error;
      } finally {
        await runtime.close();
      }
    });
};
