/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* user.c — users: list, create, set a password; see user.h. */
#include "app/user.h"

#include <string.h>

#include "app/unit.h"
#include "core/page.h"
#include "core/password.h"

int lt_app_user_list(lt_db *db, const lt_actor *who, int64_t unit_id, const char *q,
		     const lt_page *pg, lt_arena *a, lt_user **items, size_t *n, lt_error *e)
{
	const char *within = who->unit_path;
	const char *after_path = NULL, *after_login = NULL;
	lt_unit u;
	int rc = lt_actor_need_role(who, LT_ROLE_OFFICER, e);

	*items = NULL;
	*n = 0;
	if (!rc && unit_id) {
		rc = lt_app_unit_in_scope(db, who, unit_id, a, &u, e);
		within = u.path;
	}
	/* The cursor's key: "unit path|login". */
	if (!rc && pg && pg->after) {
		const char *bar = strchr(pg->after, '|');
		after_path = bar ? lt_arena_strndup(a, pg->after, (size_t)(bar - pg->after)) : NULL;
		after_login = bar ? bar + 1 : NULL;
		if (!after_path || after_path[0] != '/')
			rc = lt_page_bad_cursor(e);
	}
	return rc ? rc
		  : lt_user_list(db, within, q, after_path, after_login, pg ? pg->limit + 1 : 0, a,
				 items, n, e);
}

int lt_app_user_create(lt_db *db, const lt_actor *who, const lt_user_new *in, lt_arena *a,
		       lt_user *out, lt_error *e)
{
	lt_user_input row = { .login = in->login, .name = in->name, .role = in->role,
			      .unit_id = in->unit_id, .email = in->email, .pw_hash = in->pw_hash };
	char hash[LT_PWHASH_MAX];
	lt_unit u;
	int rc = lt_actor_need_role(who, LT_ROLE_OFFICER, e);

	if (!rc && lt_role_rank(in->role) > who->role)
		rc = lt_error_set(e, LT_EFORBIDDEN, "role",
				  "Không thể cấp vai trò cao hơn vai trò của bạn",
				  "You cannot grant a role above your own");
	if (!rc) {
		rc = lt_app_unit_in_scope(db, who, in->unit_id, a, &u, e);
		if (rc && e)
			strcpy(e->field, "unit_id");
	}
	/* Hash before the transaction: it takes a while and needs no database. */
	if (!rc && !row.pw_hash) {
		rc = lt_password_hash(in->password, hash, e);
		row.pw_hash = hash;
	}
	if (rc)
		return rc;
	rc = lt_db_begin(db, e);
	if (rc)
		return rc;
	rc = lt_user_create(db, &row, lt_actor_audit_id(who), NULL, e);
	if (!rc)
		rc = lt_user_get_by_login(db, in->login, a, out, NULL, e);
	return lt_db_end(db, rc, e);
}

/*
 * The end of a password change whose checks gave rc: unless they failed,
 * hash password (before the transaction: it takes a while and needs no
 * database) and store it, ending login's sessions. Frees a.
 */
static int set_checked(lt_db *db, const lt_actor *who, const char *login, const char *password,
		       int rc, lt_arena *a, lt_error *e)
{
	char hash[LT_PWHASH_MAX];

	if (!rc)
		rc = lt_password_hash(password, hash, e);
	if (!rc)
		rc = lt_user_set_password(db, login, hash, lt_actor_audit_id(who), e);
	lt_arena_free(a);
	return rc;
}

int lt_app_user_set_password(lt_db *db, const lt_actor *who, const char *login,
			     const char *password, lt_error *e)
{
	lt_arena a;
	lt_user u;
	bool self = who->kind == LT_ACTOR_USER && who->login && login && !strcmp(who->login, login);
	int rc = 0;

	lt_arena_init(&a);
	if (who->kind == LT_ACTOR_PUBLIC)
		rc = lt_actor_need_role(who, LT_ROLE_CADRE, e);
	else if (who->kind == LT_ACTOR_USER && !self) {
		rc = lt_actor_need_role(who, LT_ROLE_ADMIN, e);
		if (!rc)
			rc = lt_user_get_by_login(db, login, &a, &u, NULL, e);
		if (!rc)
			rc = lt_actor_need_read(who, u.unit_path, "login", e);
	}
	return set_checked(db, who, login, password, rc, &a, e);
}

int lt_app_user_reset_password(lt_db *db, const lt_actor *who, int64_t id, const char *password,
			       lt_error *e)
{
	const char *login = NULL;
	lt_arena a;
	lt_user u;
	int rc = lt_actor_need_role(who, LT_ROLE_OFFICER, e);

	lt_arena_init(&a);
	if (!rc)
		rc = lt_user_login_of(db, id, &a, &login, e);
	if (!rc)
		rc = lt_user_get_by_login(db, login, &a, &u, NULL, e);
	if (!rc && !lt_actor_reads(who, u.unit_path))
		rc = lt_error_set(e, LT_ENOTFOUND, "id", "Không có người dùng #%lld",
				  "No user #%lld", (long long)id);
	if (!rc && who->kind == LT_ACTOR_USER && who->user_id == id)
		rc = lt_error_set(e, LT_EFORBIDDEN, "id",
				  "Hãy đổi mật khẩu của mình bằng mật khẩu hiện tại",
				  "Change your own password with your current one");
	if (!rc && lt_role_rank(u.role) > who->role)
		rc = lt_error_set(e, LT_EFORBIDDEN, "id",
				  "Không thể đặt lại mật khẩu của người có vai trò cao hơn bạn",
				  "You cannot reset the password of a user whose role is above yours");
	return set_checked(db, who, login, password, rc, &a, e);
}
