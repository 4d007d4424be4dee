// Unit tests see the English catalogue through the fake browser's i18n, with Chrome's placeholder rules.
import { speak } from './language';

speak('en', 'en-US');
