// SPDX-License-Identifier: AGPL-3.0-or-later
// Registers the "Sổ văn bản" page: the user's own unit, or ?unit= any unit it reads.
import '../styles/registers.css';
import { route } from '../router.js';
import * as registersPage from './registers.js';

route('/registers', registersPage);
