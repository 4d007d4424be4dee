// A recording report's reading in the user's words: why a file is not a report, and which rows name no recording.
import { t } from '@/utils/i18n';
import type { ReportBadRow, ReportProblem } from '@/utils/sites/site';

export function reportProblemText(problem: ReportProblem): string {
  switch (problem.code) {
    case 'empty':
      return t('reportEmpty');
    case 'binary':
      return t('reportBinary');
    case 'missing-columns':
      return t('reportMissingColumns', problem.columns.join(', '), problem.found.join(', ') || '—');
    case 'no-rows':
      return t('reportNoRows');
  }
}

export function badRowText(row: ReportBadRow): string {
  const reason =
    row.reason === 'no-link'
      ? t('reportRowNoLink')
      : row.reason === 'bad-link'
        ? t('reportRowBadLink', row.value)
        : row.reason === 'duplicate'
          ? t('reportRowDuplicate')
          : t('reportRowOtherHost');
  return t('reportBadRow', row.line, reason);
}
