import { render } from 'preact';
import { HistoryPage } from '@/components/HistoryPage';
import { t } from '@/utils/i18n';

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('historyTitle');
render(<HistoryPage />, document.getElementById('app') as HTMLElement);
