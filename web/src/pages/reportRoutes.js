// SPDX-License-Identifier: AGPL-3.0-or-later
// Routes of the report pages, registered by one import in main.js:
// the nav entry (/reports), a directive's dashboard (?unit=&basis=) and a
// unit's report. Two- and four-segment paths never clash with /directives/:id.
import { route } from '../router.js';
import * as listPage from './reportList.js';
import * as dashboardPage from './dashboard.js';
import * as reportPage from './reportView.js';
import * as seriesPage from './series.js';

route('/reports', listPage);
route('/directives/:id/dashboard', dashboardPage);
route('/directives/:id/units/:unit/report', reportPage);
route('/series', seriesPage);
