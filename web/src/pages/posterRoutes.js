// SPDX-License-Identifier: AGPL-3.0-or-later
// Registers the QR poster of a union's feedback form and the two public
// pages of a forgotten password.
import { route } from '../router.js';
import * as posterPage from './poster.js';
import { forgotPage, resetPage } from './forgot.js';

route('/units/:id/poster', posterPage);
route('/forgot', forgotPage, { public: true });
route('/reset', resetPage, { public: true });
