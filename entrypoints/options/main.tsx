import { render } from 'preact';
import { DestinationsForm } from '@/components/DestinationsForm';
import { SettingsForm } from '@/components/SettingsForm';
import { t } from '@/utils/i18n';

document.documentElement.lang = browser.i18n.getUILanguage();
render(
  <main class="options" data-testid="reclaim-options">
    <header class="page-head">
      <img src="/icon/48.png" alt="" width={40} height={40} />
      <h1>{t('optionsTitle')}</h1>
      <a href="/exports.html" target="_blank" rel="noopener" data-testid="reclaim-all-exports">
        {t('historyAllExports')}
      </a>
    </header>
    <SettingsForm />
    <section class="card" aria-labelledby="reclaim-destinations-title">
      <h2 id="reclaim-destinations-title">{t('destinationsTitle')}</h2>
      <DestinationsForm />
    </section>
  </main>,
  document.getElementById('app') as HTMLElement,
);
