// Every page in French: axe (WCAG 2.2 AA), reflow at 375, 320 and 640 px, screenshots.
import { checkEveryPage } from './pages.js';

checkEveryPage('fr');
