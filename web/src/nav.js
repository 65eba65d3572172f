// SPDX-License-Identifier: AGPL-3.0-or-later
// Main navigation entries. A new feature (directives, activities, feedback,
// reports) adds one line here and one route in main.js. active(path) says
// which entry a page belongs to (a directive's dashboard and its reports are
// "Báo cáo", not "Công văn"); without it, the path and what lies below it.
import { ICONS } from './dom.js';

const REPORT_PAGE = /^\/directives\/[^/]+\/(dashboard|units\/[^/]+\/report)$/;

export const NAV = [
  { path: '/todo', key: 'nav.todo', icon: ['M9.5 5h11v1.5h-11V5Zm0 6.25h11v1.5h-11v-1.5Zm0 6.25h11V19h-11v-1.5ZM3.9 7.6 2.5 6.2l1.06-1.06.84.84 1.9-1.9 1.06 1.06L4.4 8.1l-.5-.5Zm0 6.25-1.4-1.4 1.06-1.06.84.84 1.9-1.9 1.06 1.06-2.96 2.96-.5-.5ZM3 16.5h3.5V20H3v-3.5Z'],
    active: (p) => p === '/todo' || p === '/review' || p.startsWith('/account') },
  { path: '/units', key: 'nav.units', icon: ICONS.units },
  { path: '/directives', key: 'nav.directives', active: (p) => (p === '/directives' || p.startsWith('/directives/')) && !REPORT_PAGE.test(p), icon: ['M6 2.5h8.6L19.5 7.4V20a1.5 1.5 0 0 1-1.5 1.5H6A1.5 1.5 0 0 1 4.5 20V4A1.5 1.5 0 0 1 6 2.5Zm0 1.5v16h12V8.5h-4.5V4H6Zm9 .6V7h2.4L15 4.6ZM8 11h8v1.5H8V11Zm0 3h8v1.5H8V14Zm0 3h5v1.5H8V17Z'] },
  { path: '/feedback', key: 'nav.feedback', icon: ['M4 4h16a1.5 1.5 0 0 1 1.5 1.5v10A1.5 1.5 0 0 1 20 17H9.6L5 21v-4H4a1.5 1.5 0 0 1-1.5-1.5v-10A1.5 1.5 0 0 1 4 4Zm0 1.5v10h2.5v2.2l2.6-2.2H20v-10H4Zm3 3h10V10H7V8.5Zm0 3h7V13H7v-1.5Z'] },
  { path: '/activities', key: 'nav.activities', icon: ['M4 4.5h16A1.5 1.5 0 0 1 21.5 6v12a1.5 1.5 0 0 1-1.5 1.5H4A1.5 1.5 0 0 1 2.5 18V6A1.5 1.5 0 0 1 4 4.5ZM4 6v12h16V6H4Zm2 2.5h7V10H6V8.5Zm0 3h12V13H6v-1.5Zm0 3h9V16H6v-1.5Z'] },
  { path: '/reports', key: 'nav.reports', active: (p) => p === '/reports' || p === '/series' || REPORT_PAGE.test(p), icon: ['M4 20.5V3.5h1.5v15.5H21v1.5H4Zm3-3.5V11h3v6H7Zm4.5 0V7h3v10h-3Zm4.5 0v-4h3v4h-3Z'] },
  { path: '/registers', key: 'nav.registers', icon: ['M5 2.5h12A1.5 1.5 0 0 1 18.5 4v16a1.5 1.5 0 0 1-1.5 1.5H5A1.5 1.5 0 0 1 3.5 20V4A1.5 1.5 0 0 1 5 2.5ZM5 4v16h12V4H5Zm2 3h8v1.5H7V7Zm0 3.5h8V12H7v-1.5Zm0 3.5h5v1.5H7V14Zm13-9h1.5v13H20V5Z'] },
];
