import { Option } from 'commander';
import { REVIEW_LEVELS, ROLES, type ReviewLevel, type Role } from '../../core/auth/roles.js';
import { AppError } from '../../core/errors.js';
import { CliExit, EXIT } from '../io.js';
import { openRuntime } from '../runtime.js';
import type { RegisterCommand } from './index.js';

interface UserCreateOptions {
  username: string;
  name: string;
  role: Role;
  agency?: string;
  region?: string;
  reviewLevel?: ReviewLevel;
  password?: string;
}

export const registerUser: RegisterCommand = (program, io) => {
  const user = program.command('user').description('管理用户账号');
  user
    .command('create')
    .description('新建用户；不指定 --password 时生成随机初始密码并只显示一次，首次登录须修改')
    .requiredOption('--username <用户名>', '登录用的用户名（3–40 位字母、数字、_ . -）')
    .requiredOption('--name <姓名>', '显示的姓名')
    .addOption(new Option('--role <角色>', '角色').choices([...ROLES]).makeOptionMandatory())
    .option('--agency <机关>', '所属机关的编号或全称（经办人、审核人、机关管理员必填）')
    .option('--region <区划代码>', '所辖行政区划代码（监督角色必填）')
    .addOption(
      new Option('--review-level <层级>', '审核层级（审核人必填）').choices([...REVIEW_LEVELS]),
    )
    .option(
      '--password <密码>',
      '初始密码（省略则随机生成）；也可用环境变量 GONGKAI_NEW_USER_PASSWORD',
    )
    .action(async (options: UserCreateOptions) => {
      const [{ createUser }, { listAgenciesAll }] = await Promise.all([
        import('../../services/accounts.js'),
        import('../../store/repositories/organisations.js'),
      ]);
      const runtime = await openRuntime(io);
      try {
        let agencyId: string | null = null;
        if (options.agency) {
          const agencies = await listAgenciesAll(runtime.store.db);
          const match = agencies.filter(
            (a) => a.id === options.agency || a.name === options.agency,
          );
          if (match.length !== 1) {
            throw new CliExit(
              EXIT.usage,
              match.length === 0
                ? `找不到机关“${options.agency}”。现有机关：${agencies.map((a) => `${a.name}（${a.id}）`).join('、') || '无'}`
                : `有多个机关叫“${options.agency}”，请改用机关编号。`,
            );
          }
          agencyId = match[0]!.id;
        }
        const password = options.password ?? io.env.GONGKAI_NEW_USER_PASSWORD;
        const { user: created, initialPassword } = await createUser(
          runtime.ctx,
          { kind: 'system', label: '命令行 gongkai user create' },
          {
            username: options.username,
            displayName: options.name,
            ...(password ? { password } : {}),
            grants: [
              {
                role: options.role,
                agencyId,
                regionCode: options.region ?? null,
                reviewLevel: options.reviewLevel ?? null,
              },
            ],
          },
        );
        io.stdout.write(`已创建用户 ${created.username}（${created.displayName}）。\n`);
        if (!password)
          io.stdout.write(`初始密码：${initialPassword}（只显示这一次；首次登录后须修改。）\n`);
      } catch (error) {
        if (error instanceof AppError) {
          const field = error.details.field ? `（${error.details.field}）` : '';
          throw new CliExit(EXIT.usage, `无法创建用户${field}：${error.message}`);
        }
        throw error;
      } finally {
        await runtime.close();
      }
    });
};
