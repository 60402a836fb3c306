import {
  feeByItems,
  feeByPages,
  fenToYuan,
  formatYuan,
  type FeeBand,
  type ProcessingFee,
} from '../../core/fees/processing-fee.js';
import { AppError } from '../../core/errors.js';
import { CliExit, EXIT, type CliIo } from '../io.js';
import type { RegisterCommand } from './index.js';

const UNIT = { items: '件', pages: '页' } as const;

function bandLine(fee: ProcessingFee, band: FeeBand): string {
  const unit = UNIT[fee.method];
  const range =
    band.to === null
      ? `第 ${band.from} ${unit}及以上`
      : band.from === band.to
        ? `第 ${band.from} ${unit}`
        : `第 ${band.from}–${band.to} ${unit}`;
  if (band.unitFen === 0) return `${range}：${band.count} ${unit}，不收费`;
  return `${range}：${band.count} ${unit} × ${formatYuan(band.unitFen)} 元 = ${formatYuan(band.amountFen)} 元`;
}

function print(io: CliIo, fee: ProcessingFee, json: boolean): void {
  if (json) {
    const body = {
      totalYuan: fenToYuan(fee.totalFen),
      bands: fee.bands.map((b) => ({
        from: b.from,
        to: b.to,
        count: b.count,
        unitYuan: fenToYuan(b.unitFen),
        amountYuan: fenToYuan(b.amountFen),
      })),
    };
    io.stdout.write(`${JSON.stringify(body)}\n`);
    return;
  }
  const lines = [`${formatYuan(fee.totalFen)} 元`, ...fee.bands.map((b) => bandLine(fee, b))];
  io.stdout.write(`${lines.join('\n')}\n`);
}

function quantity(text: string, what: string): number {
  if (!/^\d+$/.test(text)) {
    throw new CliExit(EXIT.usage, `${what}“${text}”无效：请填写不小于 0 的整数。`);
  }
  return Number(text);
}

function compute(run: () => ProcessingFee): ProcessingFee {
  try {
    return run();
  } catch (error) {
    if (error instanceof AppError) throw new CliExit(EXIT.usage, error.message);
    throw error;
  }
}

export const registerFee: RegisterCommand = (program, io) => {
  const fee = program
    .command('fee')
    .description('信息处理费（国办函〔2020〕109号），金额单位：元。参数有误时退出码 2');

  fee
    .command('items')
    .description('按件计收：同一申请人一个自然月内共 N 件时的费用及分档明细')
    .argument('<n>', '件数（不小于 0 的整数）')
    .option('--json', '输出 JSON：{"totalYuan": 数额, "bands": [...]}')
    // A negative number would otherwise be taken for an option and get a less helpful message.
    .allowUnknownOption()
    .action((n: string, options: { json?: boolean }) => {
      const items = quantity(n, '件数');
      print(
        io,
        compute(() => feeByItems(items)),
        options.json === true,
      );
    });

  fee
    .command('pages')
    .description('按量计收：一件申请共 N 页时的费用及分档明细')
    .argument('<n>', '页数（不小于 0 的整数）')
    .option('--json', '输出 JSON：{"totalYuan": 数额, "bands": [...]}')
    .allowUnknownOption()
    .action((n: string, options: { json?: boolean }) => {
      const pages = quantity(n, '页数');
      print(
        io,
        compute(() => feeByPages(pages)),
        options.json === true,
      );
    });
};
