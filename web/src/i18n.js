// Vietnamese first, English second. The choice is kept in localStorage and
// mirrored on <html lang> so screen readers and hyphenation follow it.
// Add new keys to BOTH dictionaries; t() falls back to Vietnamese, then the key.

const STORE_KEY = 'lantoa.lang';
export const LANGS = ['vi', 'en'];

const vi = {
  'app.name': 'lantoa',
  'app.tagline': 'Lan tỏa thông tin công đoàn, từ chỉ đạo đến báo cáo',
  'app.skip': 'Bỏ qua, đến nội dung chính',
  'app.loading': 'Đang tải…',
  'app.noscript': 'Cần bật JavaScript để dùng lantoa.',

  'nav.label': 'Điều hướng chính',
  'nav.units': 'Đơn vị',

  'lang.label': 'Ngôn ngữ',
  'lang.vi': 'Tiếng Việt',
  'lang.en': 'English',

  'login.title': 'Đăng nhập',
  'login.login': 'Tên đăng nhập',
  'login.password': 'Mật khẩu',
  'login.submit': 'Đăng nhập',
  'login.busy': 'Đang đăng nhập…',
  'login.expired': 'Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.',
  'login.loggedOut': 'Bạn đã đăng xuất.',
  'login.required': 'Vui lòng nhập tên đăng nhập và mật khẩu.',

  'user.menu': 'Tài khoản',
  'user.role': 'Vai trò',
  'user.unit': 'Đơn vị',
  'user.logout': 'Đăng xuất',
  'role.admin': 'Quản trị hệ thống',
  'role.officer': 'Cán bộ liên đoàn',
  'role.cadre': 'Cán bộ công đoàn cơ sở',

  'units.title': 'Đơn vị',
  'units.search': 'Tìm đơn vị',
  'units.searchHint': 'Gõ tên hoặc mã, có dấu hay không dấu đều được (ví dụ: gia lam).',
  'units.searchButton': 'Tìm',
  'units.clear': 'Xóa tìm kiếm',
  'units.results': 'Kết quả tìm kiếm',
  'units.found': (p) => p.total === 0 ? 'Không tìm thấy đơn vị nào.' : `Tìm thấy ${p.totalFmt} đơn vị.`,
  'units.shown': (p) => `Hiển thị ${p.shownFmt} đơn vị đầu tiên; hãy gõ cụ thể hơn.`,
  'units.yours': 'Đơn vị của bạn',
  'units.children': 'Đơn vị trực thuộc',
  'units.noChildren': 'Không có đơn vị trực thuộc.',
  'units.childCount': (p) => `${p.nFmt} đơn vị trực thuộc`,
  'units.searching': 'Đang tìm…',

  'unit.breadcrumb': 'Đường dẫn',
  'unit.parent': 'Đơn vị cấp trên',
  'unit.code': 'Mã đơn vị',
  'unit.name': 'Tên đơn vị',
  'unit.level': 'Cấp',
  'unit.email': 'Thư điện tử',
  'unit.members': 'Số đoàn viên',
  'unit.activeFrom': 'Hoạt động từ',
  'unit.activeTo': 'Hoạt động đến',
  'unit.status': 'Trạng thái',
  'unit.active': 'Đang hoạt động',
  'unit.inactive': 'Ngừng hoạt động',
  'unit.none': '—',
  'unit.outOfScope': 'Ngoài phạm vi của bạn',
  'unit.outOfScopeNote': 'Đơn vị này không thuộc phạm vi quản lý của bạn, nên chỉ hiển thị thông tin công khai.',
  'unit.details': 'Thông tin đơn vị',
  'unit.backToList': 'Về danh sách đơn vị',

  'error.network': 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.',
  'error.http': (p) => `Máy chủ trả lỗi (${p.status}).`,
  'error.notFound': 'Không tìm thấy trang này.',
  'error.notFoundTitle': 'Không tìm thấy',
  'error.title': 'Có lỗi xảy ra',
  'error.retry': 'Thử lại',
  'error.home': 'Về trang đơn vị',
};

const en = {
  'app.name': 'lantoa',
  'app.tagline': 'Spreading union news, from directive to report',
  'app.skip': 'Skip to main content',
  'app.loading': 'Loading…',
  'app.noscript': 'lantoa needs JavaScript.',

  'nav.label': 'Main navigation',
  'nav.units': 'Units',

  'lang.label': 'Language',
  'lang.vi': 'Tiếng Việt',
  'lang.en': 'English',

  'login.title': 'Sign in',
  'login.login': 'Login',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.busy': 'Signing in…',
  'login.expired': 'Your session has expired. Please sign in again.',
  'login.loggedOut': 'You have signed out.',
  'login.required': 'Please enter your login and password.',

  'user.menu': 'Account',
  'user.role': 'Role',
  'user.unit': 'Unit',
  'user.logout': 'Sign out',
  'role.admin': 'System administrator',
  'role.officer': 'Federation officer',
  'role.cadre': 'Grassroots union cadre',

  'units.title': 'Units',
  'units.search': 'Find a unit',
  'units.searchHint': 'Type a name or code, with or without diacritics (e.g. gia lam).',
  'units.searchButton': 'Search',
  'units.clear': 'Clear search',
  'units.results': 'Search results',
  'units.found': (p) => p.total === 0 ? 'No units found.' : `${p.totalFmt} ${p.total === 1 ? 'unit' : 'units'} found.`,
  'units.shown': (p) => `Showing the first ${p.shownFmt}; type something more specific.`,
  'units.yours': 'Your unit',
  'units.children': 'Sub-units',
  'units.noChildren': 'No sub-units.',
  'units.childCount': (p) => `${p.nFmt} ${p.n === 1 ? 'sub-unit' : 'sub-units'}`,
  'units.searching': 'Searching…',

  'unit.breadcrumb': 'Breadcrumb',
  'unit.parent': 'Parent unit',
  'unit.code': 'Code',
  'unit.name': 'Name',
  'unit.level': 'Level',
  'unit.email': 'E-mail',
  'unit.members': 'Members',
  'unit.activeFrom': 'Active from',
  'unit.activeTo': 'Active to',
  'unit.status': 'Status',
  'unit.active': 'Active',
  'unit.inactive': 'Closed',
  'unit.none': '—',
  'unit.outOfScope': 'Outside your scope',
  'unit.outOfScopeNote': 'This unit is outside the part of the tree you manage, so only public details are shown.',
  'unit.details': 'Unit details',
  'unit.backToList': 'Back to units',

  'error.network': 'Cannot reach the server. Please check the connection and try again.',
  'error.http': (p) => `The server returned an error (${p.status}).`,
  'error.notFound': 'Page not found.',
  'error.notFoundTitle': 'Not found',
  'error.title': 'Something went wrong',
  'error.retry': 'Try again',
  'error.home': 'Go to units',
};

const DICTS = { vi, en };
const listeners = new Set();

function stored() {
  try {
    const v = localStorage.getItem(STORE_KEY);
    return LANGS.includes(v) ? v : null;
  } catch {
    return null; // storage disabled: stay in Vietnamese
  }
}

let lang = stored() || 'vi';

export function getLang() { return lang; }

/** Switches language, remembers it and notifies listeners (which re-render). */
export function setLang(next) {
  if (!LANGS.includes(next) || next === lang) return;
  lang = next;
  try { localStorage.setItem(STORE_KEY, next); } catch { /* not remembered */ }
  applyLang();
  for (const fn of listeners) fn(lang);
}

export function onLangChange(fn) { listeners.add(fn); return () => listeners.delete(fn); }

/** Sets <html lang> and the document title for the current language. */
export function applyLang() {
  document.documentElement.lang = lang;
}

/** Translates key; params fill `${...}` in function entries. */
export function t(key, params = {}) {
  const v = DICTS[lang][key] ?? DICTS.vi[key];
  if (v === undefined) return key;
  return typeof v === 'function' ? v(params) : v;
}

/** 1234567 → "1.234.567" (vi) or "1,234,567" (en). Non-numbers → "—". */
export function fmtNumber(n) {
  if (typeof n !== 'number' || !Number.isFinite(n)) return t('unit.none');
  const sep = lang === 'vi' ? '.' : ',';
  const neg = n < 0;
  const s = String(Math.trunc(Math.abs(n))).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  return neg ? '-' + s : s;
}

/** "2024-01-18" → "18/01/2024" in both languages (the Vietnamese convention). */
export function fmtDate(iso) {
  if (typeof iso !== 'string') return t('unit.none');
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}
