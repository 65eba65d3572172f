// SPDX-License-Identifier: AGPL-3.0-or-later
// Routes of the activity pages, registered by one import in main.js.
import { route } from '../router.js';
import * as itemsPage from './activities.js';
import * as figuresPage from './figures.js';
import * as contestPage from './contest.js';
import * as linksPage from './linkkits.js';
import * as continuityPage from './activityContinuity.js';

route('/activities', itemsPage);
route('/activities/figures', figuresPage);
route('/activities/contest', contestPage);
route('/activities/links', linksPage);
route('/activities/continuity', continuityPage);
