/**
 * A 2027 holiday notice for tests, written the way the State Council's notices are and
 * consistent with the holiday law's count (each break takes the law's weekdays, net of its 调休
 * days). Not the real 2027 notice: it was not published when this was written. Its 春节 调休
 * Saturday, 27 February, falls after the 20th working day of a case received on 25 January,
 * so that case's due date moves from the provisional 26 February to 27 February.
 */
export const NOTICE_2027_TEXT = [
  '国务院办公厅关于2027年部分节假日安排的通知',
  '国办发明电〔2026〕99号（测试）',
  '各省、自治区、直辖市人民政府，国务院各部委、各直属机构：',
  '经国务院批准，现将2027年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。',
  '一、元旦：1月1日（周五）至3日（周日）放假，共3天。',
  '二、春节：2月5日（农历除夕、周五）至11日（农历正月初七、周四）放假调休，共7天。2月27日（周六）上班。',
  '三、清明节：4月3日（周六）至5日（周一）放假，共3天。',
  '四、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。5月8日（周六）上班。',
  '五、端午节：6月9日（周三）放假，共1天。',
  '六、中秋节：9月15日（周三）放假，共1天。',
  '七、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。',
  '节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作。',
].join('\n');

/** The same notice as the structured schedule the API also takes. */
export const SCHEDULE_2027 = {
  year: 2027,
  notice: '国办发明电〔2026〕99号（测试）',
  holidays: [
    { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
    { name: '春节', from: '2027-02-05', to: '2027-02-11' },
    { name: '清明节', from: '2027-04-03', to: '2027-04-05' },
    { name: '劳动节', from: '2027-05-01', to: '2027-05-05' },
    { name: '端午节', from: '2027-06-09', to: '2027-06-09' },
    { name: '中秋节', from: '2027-09-15', to: '2027-09-15' },
    { name: '国庆节', from: '2027-10-01', to: '2027-10-07' },
  ],
  workdays: ['2027-02-27', '2027-05-08', '2027-09-26', '2027-10-09'],
};
