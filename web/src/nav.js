// Main navigation entries. A new feature (directives, activities, feedback,
// reports) adds one line here and one route in main.js.
import { ICONS } from './dom.js';

export const NAV = [
  { path: '/units', key: 'nav.units', icon: ICONS.units },
];
