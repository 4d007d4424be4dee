import { render } from 'preact';
import { DestinationsForm } from '@/components/DestinationsForm';
import { SettingsForm } from '@/components/SettingsForm';
import { t } from '@/utils/i18n';

document.documentElement.lang = browser.i18n.getUILanguage();
render(
  <main>
    <h1>{t('optionsTitle')}</h1>
    <p>
      <a href="/history.html" target="_blank" rel="noopener" data-testid="reclaim-all-exports">
        {t('historyAllExports')}
      </a>
    </p>
    <SettingsForm />
    <section aria-labelledby="reclaim-destinations-title">
      <h2 id="reclaim-destinations-title">{t('destinationsTitle')}</h2>
      <DestinationsForm />
    </section>
  </main>,
  document.getElementById('app') as HTMLElement,
);
