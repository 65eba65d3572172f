// SPDX-License-Identifier: AGPL-3.0-or-later
// Routes of the feedback (ý kiến người lao động) pages, registered by one
// import in main.js. Fixed paths come before "/feedback/:id".
import { route } from '../router.js';
import * as inboxPage from './feedbackInbox.js';
import * as casePage from './feedbackCase.js';
import * as newPage from './feedbackNew.js';
import * as statsPage from './feedbackStats.js';

route('/feedback', inboxPage);
route('/feedback/new', newPage);
route('/feedback/stats', statsPage);
route('/feedback/:id', casePage);
