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
    evidenceAt: '平台证据采集于', attest: '提交人工举证', statement: '举证说明', attachment: '附件（可选）',
    expiresAt: '有效期至（可选）', submit: '提交', submitted: '已提交，待他人审核', reviews: '待审核的人工举证',
    reviewHint: '人工举证经提交人以外的经理或管理员批准后计入评分。', submittedBy: '提交人', submittedAt: '提交时间',
    approve: '批准', reject: '驳回', comment: '审核意见', own: '不能审核自己提交的举证', noPending: '暂无待审核举证',
    download: '下载', snapshots: '评估快照', takeSnapshot: '生成快照', takenAt: '时间', takenBy: '生成人',
    report: '报告', noSnapshots: '暂无快照', reviewed: '已审核',
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
    evidenceAt: 'platform evidence gathered', attest: 'Submit an attestation', statement: 'Statement',
    attachment: 'Attachment (optional)', expiresAt: 'Valid until (optional)', submit: 'Submit',
    submitted: 'Submitted; it counts once someone else approves it', reviews: 'Attestations awaiting review',
    reviewHint: 'An attestation counts once a manager or admin other than its submitter approves it.',
    submittedBy: 'Submitted by', submittedAt: 'Submitted at', approve: 'Approve', reject: 'Reject',
    comment: 'Review comment', own: 'You cannot review your own attestation', noPending: 'Nothing awaits review',
    download: 'Download', snapshots: 'Snapshots', takeSnapshot: 'Take a snapshot', takenAt: 'Taken at',
    takenBy: 'Taken by', report: 'Report', noSnapshots: 'No snapshots yet', reviewed: 'Reviewed',
  },
};

/** A pair of names (zh, en) in the language shown. */
export function pick(lang, zh, en) {
  return lang === 'en' && en ? en : zh;
}
