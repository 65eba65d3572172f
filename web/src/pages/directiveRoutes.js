// SPDX-License-Identifier: AGPL-3.0-or-later
// Routes of the directive (công văn) pages, registered by one import in main.js.
// The fixed paths come before "/directives/:id" (the first match wins).
import { route } from '../router.js';
import { inboxPage, issuedPage } from './directiveList.js';
import * as viewPage from './directiveView.js';
import * as editPage from './directiveEdit.js';

route('/directives', inboxPage);
route('/directives/issued', issuedPage);
route('/directives/new', editPage);
route('/directives/:id/edit', editPage);
route('/directives/:id', viewPage);
