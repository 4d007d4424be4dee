import { render } from 'preact';
import { JobList } from '@/components/JobList';
import { t } from '@/utils/i18n';

document.documentElement.lang = browser.i18n.getUILanguage();
render(
  <main>
    <h1>{t('popupTitle')}</h1>
    <JobList />
  </main>,
  document.getElementById('app') as HTMLElement,
);
