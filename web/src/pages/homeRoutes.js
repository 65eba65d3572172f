// SPDX-License-Identifier: AGPL-3.0-or-later
// Registers the home page (việc cần làm), the review queue, the password page
// and the officers' page that resets a user's password.
import '../styles/home.css';
import { route } from '../router.js';
import * as todoPage from './todo.js';
import * as reviewPage from './review.js';
import * as passwordPage from './password.js';
import * as usersPage from './users.js';

route('/todo', todoPage);
route('/review', reviewPage);
route('/account/password', passwordPage);
route('/account/users', usersPage);
