// Labels in zh-CN and en. Clause text is the guideline's Chinese in both languages; en shows the English
// title beside it.
export const LABELS = {
  'zh-CN': {
    title: '未来工厂对标评估', plant: '工厂', refresh: '刷新', exportPdf: '导出 PDF', exportXlsx: '导出 Excel',
    logout: '退出', other: 'English', ladder: '等级阶梯', radar: '场景雷达（当前 / 目标）', gaps: '优先差距',
    clauses: '条款明细', level: '当前等级', none: '未达到', target: '目标等级', score: '总分', range: '置信区间',
    counts: '条款', automatic: '平台自动举证', attestationOnly: '仅人工举证', met: '已满足', unknown: '未知',
    attained: '已达到', passed: '通过', notPassed: '未通过', current: '当前', targetSeries: '目标',
    clause: '条款', titleCol: '标题', levelCol: '所属等级', satisfaction: '满足度', priority: '优先度',
    blocks: '阻碍下一等级', toClose: '补齐所需证据', evidence: '证据', status: '状态', value: '值',
    facts: '事实', reason: '原因', pick: '选择左侧条款查看证据', evaluatedIn: '评估用时',
    attestation: '人工举证', loading: '加载中…', yes: '是', no: '否', items: '条',
  },
  en: {
    title: 'Future Factory assessment', plant: 'Plant', refresh: 'Refresh', exportPdf: 'Export PDF',
    exportXlsx: 'Export Excel', logout: 'Log out', other: '中文', ladder: 'Level ladder',
    radar: 'Scenarios (current vs target)', gaps: 'Prioritised gaps', clauses: 'Clauses', level: 'Level attained',
    none: 'none yet', target: 'Target level', score: 'Score', range: 'Confidence range', counts: 'Clauses',
    automatic: 'automatic', attestationOnly: 'attestation only', met: 'met', unknown: 'unknown',
    attained: 'attained', passed: 'passed', notPassed: 'not passed', current: 'Current', targetSeries: 'Target',
    clause: 'Clause', titleCol: 'Title', levelCol: 'Level', satisfaction: 'Satisfaction', priority: 'Priority',
    blocks: 'Blocks next level', toClose: 'Evidence that would close it', evidence: 'Evidence', status: 'Status',
    value: 'Value', facts: 'Facts', reason: 'Reason', pick: 'Pick a clause to see its evidence',
    evaluatedIn: 'evaluated in', attestation: 'attestation', loading: 'Loading…', yes: 'yes', no: 'no',
    items: 'items',
  },
};

/** A pair of names (zh, en) in the language shown. */
export function pick(lang, zh, en) {
  return lang === 'en' && en ? en : zh;
}
