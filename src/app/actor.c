/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* actor.c — see actor.h. */
#include "app/actor.h"

#include <string.h>

#include "core/tree.h"

void lt_actor_user(lt_actor *a, const lt_user *u, const char *ip)
{
	memset(a, 0, sizeof(*a));
	a->kind = LT_ACTOR_USER;
	a->user_id = u->id;
	a->unit_id = u->unit_id;
	a->unit_path = u->unit_path;
	a->role = lt_role_rank(u->role);
	a->login = u->login;
	a->ip = ip;
}

void lt_actor_operator(lt_actor *a)
{
	memset(a, 0, sizeof(*a));
	a->kind = LT_ACTOR_OPERATOR;
	a->unit_path = "/";
	a->role = LT_ROLE_ADMIN;
}

void lt_actor_system(lt_actor *a)
{
	lt_actor_operator(a);
	a->kind = LT_ACTOR_SYSTEM;
}

void lt_actor_public(lt_actor *a, const char *ip)
{
	memset(a, 0, sizeof(*a));
	a->kind = LT_ACTOR_PUBLIC;
	a->unit_path = NULL;
	a->role = LT_ROLE_PUBLIC;
	a->ip = ip;
}

int64_t lt_actor_audit_id(const lt_actor *a)
{
	return a->kind == LT_ACTOR_USER ? a->user_id : 0;
}

bool lt_actor_at_least(const lt_actor *a, int role)
{
	return a->role >= role;
}

bool lt_actor_reads(const lt_actor *a, const char *path)
{
	return a->unit_path && path && lt_tree_path_under(path, a->unit_path);
}

bool lt_actor_is_unit(const lt_actor *a, int64_t unit_id)
{
	return a->kind == LT_ACTOR_OPERATOR || (a->kind == LT_ACTOR_USER && a->unit_id == unit_id);
}

bool lt_actor_oversees(const lt_actor *a, const char *path)
{
	if (a->kind == LT_ACTOR_OPERATOR || a->kind == LT_ACTOR_SYSTEM)
		return path != NULL;
	return a->role >= LT_ROLE_OFFICER && lt_actor_reads(a, path) && strcmp(path, a->unit_path);
}

bool lt_actor_edits(const lt_actor *a, const char *path)
{
	if (a->role >= LT_ROLE_OFFICER)
		return lt_actor_reads(a, path);
	return a->role == LT_ROLE_CADRE && path && a->unit_path && !strcmp(path, a->unit_path);
}

int lt_actor_need_role(const lt_actor *a, int role, lt_error *e)
{
	if (a->kind == LT_ACTOR_PUBLIC && role > LT_ROLE_PUBLIC)
		return lt_error_set(e, LT_EAUTH, NULL, "Cần đăng nhập", "Login required");
	if (a->role < role)
		return lt_error_set(e, LT_EFORBIDDEN, "role",
				    role >= LT_ROLE_ADMIN ? "Chỉ quản trị viên được làm việc này"
							  : "Chỉ cán bộ công đoàn cấp trên được làm việc này",
				    role >= LT_ROLE_ADMIN ? "Only an administrator may do this"
							  : "Only an officer may do this");
	return 0;
}

int lt_actor_need_read(const lt_actor *a, const char *path, const char *field, lt_error *e)
{
	if (lt_actor_reads(a, path))
		return 0;
	return lt_error_set(e, LT_EFORBIDDEN, field, "Đơn vị này nằm ngoài phạm vi của bạn",
			    "This unit is outside your part of the union tree");
}

int lt_actor_need_oversee(const lt_actor *a, const char *path, const char *field, lt_error *e)
{
	if (lt_actor_oversees(a, path))
		return 0;
	return lt_error_set(e, LT_EFORBIDDEN, field,
			    "Chỉ cán bộ đơn vị cấp trên mới làm được việc này",
			    "Only an officer of a unit above it may do this");
}
