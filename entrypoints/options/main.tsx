import { render } from 'preact';
import { SettingsForm } from '@/components/SettingsForm';
import { t } from '@/utils/i18n';

document.documentElement.lang = browser.i18n.getUILanguage();
render(
  <main>
    <h1>{t('optionsTitle')}</h1>
    <SettingsForm />
  </main>,
  document.getElementById('app') as HTMLElement,
);
