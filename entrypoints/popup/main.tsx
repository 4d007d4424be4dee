import { render } from 'preact';
import { JobList } from '@/components/JobList';
import { PopupNotifyOffer } from '@/components/PopupNotifyOffer';
import { PopupReportImport } from '@/components/PopupReportImport';
import { t } from '@/utils/i18n';
import { adaptersWithReports } from '@/utils/sites/registry';

document.documentElement.lang = browser.i18n.getUILanguage();
render(
  <main>
    <h1>{t('popupTitle')}</h1>
    <PopupNotifyOffer />
    <JobList />
    <p class="all-exports">
      <a href="/exports.html" target="_blank" rel="noopener" data-testid="reclaim-all-exports">
        {t('historyAllExports')}
      </a>
    </p>
    {adaptersWithReports().map((adapter) => (
      <PopupReportImport key={adapter.site} adapter={adapter} />
    ))}
  </main>,
  document.getElementById('app') as HTMLElement,
);
