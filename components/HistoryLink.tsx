// "See which in the history": opens the history page at one export. A button that asks the background, because
// the bar is a content script (it cannot open an extension page itself) and the popup closes when a tab opens.
// Only the user's own click counts: in the bar, the platform's page could click it too.
import { browser } from 'wxt/browser';
import { t } from '@/utils/i18n';
import type { Command } from '@/utils/protocol';
import { byUser } from './by-user';

export function HistoryLink({ jobId }: { jobId: number }) {
  const open = () => void browser.runtime.sendMessage({ type: 'open-history', jobId } satisfies Command);
  return (
    <button
      type="button"
      class="link"
      data-testid="reclaim-open-history"
      title={t('msgOpenHistoryTitle')}
      onClick={byUser(open)}
    >
      {t('msgOpenHistory')}
    </button>
  );
}
