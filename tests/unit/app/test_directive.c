/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Tests for src/app/directive*.c: who reads, changes, issues, acknowledges
 * and carries further a directive, and that a failing step writes nothing.
 */
#include "test_unit_tree.h"

#include "app/directive.h"

/* A complete document from the issuing side, addressed by mode to root. */
static json_t *letter(const char *number, const char *mode, int64_t root)
{
	return json_pack("{s:s,s:s,s:s,s:{s:s,s:I},s:[{s:s,s:[s,s]}],s:s,s:[s]}", "number", number,
			 "date", "2024-01-18", "subject", "truyền thông Tết", "recipients", "mode",
			 mode, "unit_id", (json_int_t)root, "themes", "title", "Tết Sum vầy", "items",
			 "10 năm", "Chợ Tết", "report_deadline", "2024-02-20", "indicators",
			 "people_supported");
}

/* Create (and with issue, issue) a directive of issuer as who; returns its id. */
static int64_t make(tree *t, const lt_actor *who, int64_t issuer, json_t *doc, bool issue)
{
	lt_directive_draft in = { .doc = doc, .issuer_id = issuer, .issue = issue };
	lt_directive_view v;
	lt_error e;
	int64_t id;

	if (lt_app_directive_create(t->db, who, &in, &t->a, &v, &e))
		fail_msg("create: %s (%s)", e.en, e.field);
	id = v.meta.id;
	lt_app_directive_view_free(&v);
	json_decref(doc);
	return id;
}

/* who's standing: LT_DIR_NONE when it cannot load the directive. */
static int standing(tree *t, const lt_actor *who, int64_t id)
{
	lt_directive_meta m;
	lt_error e;
	int acc = LT_DIR_NONE, rc = lt_app_directive_load(t->db, who, id, &t->a, &m, NULL, &acc, &e);

	if (rc) {
		assert_int_equal(rc, LT_ENOTFOUND); /* never a different answer for a hidden one */
		return LT_DIR_NONE;
	}
	return acc;
}

static void test_who_reads_a_draft_and_an_issued_directive(void **state)
{
	tree *t = *state;
	int64_t n = 0, id = make(t, &t->gialam, 0, letter("57/LĐLĐ", "grassroots_under", t->dt), false);
	lt_directive_view v;
	lt_error e;

	/* A draft: the issuing side only (its officers, its cadres, the units above, the console). */
	assert_int_equal(standing(t, &t->gialam, id), LT_DIR_ISSUER);
	assert_int_equal(standing(t, &t->glc, id), LT_DIR_ISSUER);
	assert_int_equal(standing(t, &t->hanoi, id), LT_DIR_ISSUER);
	assert_int_equal(standing(t, &t->op, id), LT_DIR_ISSUER);
	assert_int_equal(standing(t, &t->c1, id), LT_DIR_NONE);
	assert_int_equal(standing(t, &t->dan, id), LT_DIR_NONE);
	assert_int_equal(lt_app_directive_issue(t->db, &t->gialam, id, false, &n, &t->a, &v, &e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(v.counts.recipients, 2);
	lt_app_directive_view_free(&v);
	/* Issued: the recipients read it, and so does their commune (it follows and
	 * reviews its unions' work, issue 12); a union of the sibling commune and the
	 * other district do not. */
	assert_int_equal(standing(t, &t->c1, id), LT_DIR_READER);
	assert_int_equal(standing(t, &t->c3, id), LT_DIR_NONE);
	assert_int_equal(standing(t, &t->daton, id), LT_DIR_READER);
	assert_int_equal(standing(t, &t->dan, id), LT_DIR_NONE);
}

static void test_a_letter_to_an_ancestor_is_public_below_it(void **state)
{
	tree *t = *state;
	int64_t id = make(t, &t->hanoi, 0, letter("228/LĐLĐ", "children_of", t->hn), true);
	lt_directive_view v;
	lt_error e;

	/* Addressed to GL: its communes and unions read it, but have no receipt of it. */
	assert_int_equal(standing(t, &t->c1, id), LT_DIR_READER);
	assert_int_equal(standing(t, &t->daton, id), LT_DIR_READER);
	assert_int_equal(lt_app_directive_get(t->db, &t->c1, id, &t->a, &v, &e), 0);
	assert_false(v.has_receipt);
	assert_false(v.has_counts);
	lt_app_directive_view_free(&v);
	assert_int_equal(lt_app_directive_ack(t->db, &t->c1, id, 0, &t->a, NULL, &e), LT_ENOTFOUND);
	/* The district opens it: the first view is recorded, then acknowledged. */
	assert_int_equal(lt_app_directive_get(t->db, &t->gialam, id, &t->a, &v, &e), 0);
	assert_true(v.has_receipt);
	assert_true(v.receipt.opened_at > 0);
	assert_int_equal(v.receipt.acknowledged_at, 0);
	lt_app_directive_view_free(&v);
	assert_int_equal(lt_app_directive_ack(t->db, &t->gialam, id, 0, &t->a, &v, &e), 0);
	assert_true(v.receipt.acknowledged_at > 0);
	lt_app_directive_view_free(&v);
	/* Nobody acknowledges for another unit, except at the console. */
	assert_int_equal(lt_app_directive_ack(t->db, &t->gialam, id, t->da, &t->a, NULL, &e),
			 LT_EFORBIDDEN);
	assert_int_equal(lt_app_directive_ack(t->db, &t->op, id, t->da, &t->a, NULL, &e), 0);
}

static void test_only_the_issuing_officers_change_and_see_receipts(void **state)
{
	tree *t = *state;
	int64_t n, id = make(t, &t->gialam, 0, letter("58/LĐLĐ", "grassroots_under", t->gl), false);
	json_t *doc = letter("58/LĐLĐ", "grassroots_under", t->dt);
	lt_receipt *items;
	lt_receipt_counts c;
	size_t k;
	lt_error e;

	/* A cadre of the issuing unit reads the draft but changes nothing. */
	assert_int_equal(lt_app_directive_update(t->db, &t->glc, id, doc, &t->a, NULL, &e),
			 LT_EFORBIDDEN);
	assert_int_equal(lt_app_directive_issue(t->db, &t->glc, id, false, &n, &t->a, NULL, &e),
			 LT_EFORBIDDEN);
	/* The officers above the issuer are on the issuing side too. */
	assert_int_equal(lt_app_directive_update(t->db, &t->hanoi, id, doc, &t->a, NULL, &e), 0);
	assert_int_equal(lt_app_directive_issue(t->db, &t->gialam, id, false, &n, &t->a, NULL, &e), 0);
	assert_int_equal(n, 2); /* the update narrowed it to Đa Tốn */
	/* Issued means immutable. */
	assert_int_equal(lt_app_directive_update(t->db, &t->gialam, id, doc, &t->a, NULL, &e),
			 LT_ECONFLICT);
	assert_string_equal(e.field, "status");
	assert_int_equal(lt_app_directive_issue(t->db, &t->gialam, id, false, &n, &t->a, NULL, &e),
			 LT_ECONFLICT);
	/* Receipts: the issuing side only; the state filter is checked. */
	assert_int_equal(lt_app_directive_receipts(t->db, &t->c1, id, NULL, &t->a, &items, &k, &c, &e),
			 LT_EFORBIDDEN);
	assert_int_equal(lt_app_directive_receipts(t->db, &t->gialam, id, "lost", &t->a, &items, &k,
						   &c, &e),
			 LT_EINVAL);
	assert_string_equal(e.field, "state");
	assert_int_equal(lt_app_directive_ack(t->db, &t->c1, id, 0, &t->a, NULL, &e), 0);
	assert_int_equal(lt_app_directive_receipts(t->db, &t->gialam, id, "pending", &t->a, &items,
						   &k, &c, &e),
			 0);
	assert_int_equal(k, 1);
	assert_string_equal(items[0].unit_code, "G2");
	assert_int_equal(c.recipients, 2);
	assert_int_equal(c.acknowledged, 1);
	json_decref(doc);
}

static void test_a_commune_sees_the_receipts_of_its_unions_only(void **state)
{
	tree *t = *state;
	/* To every union of Gia Lâm: G1 and G2 in DT, G3 in YV. */
	int64_t id = make(t, &t->gialam, 0, letter("61/LĐLĐ", "grassroots_under", t->gl), true);
	lt_receipt *items;
	lt_receipt_counts c;
	size_t k;
	lt_error e;

	assert_int_equal(lt_app_directive_ack(t->db, &t->c1, id, 0, &t->a, NULL, &e), 0);
	assert_int_equal(lt_app_directive_receipts(t->db, &t->daton, id, NULL, &t->a, &items, &k, &c,
						   &e),
			 0);
	assert_int_equal(k, 2);
	assert_string_equal(items[0].unit_code, "G1");
	assert_string_equal(items[1].unit_code, "G2");
	assert_int_equal(c.recipients, 2); /* the counts too: not G3 of the sibling commune */
	assert_int_equal(c.acknowledged, 1);
	assert_int_equal(lt_app_directive_receipts(t->db, &t->daton, id, "pending", &t->a, &items,
						   &k, &c, &e),
			 0);
	assert_int_equal(k, 1);
	assert_string_equal(items[0].unit_code, "G2");
	/* The issuer sees all three; a union's cadre none; the other district does not read it. */
	assert_int_equal(lt_app_directive_receipts(t->db, &t->gialam, id, NULL, &t->a, &items, &k,
						   &c, &e),
			 0);
	assert_int_equal(c.recipients, 3);
	assert_int_equal(lt_app_directive_receipts(t->db, &t->c1, id, NULL, &t->a, &items, &k, &c, &e),
			 LT_EFORBIDDEN);
	assert_int_equal(lt_app_directive_receipts(t->db, &t->dan, id, NULL, &t->a, &items, &k, &c,
						   &e),
			 LT_ENOTFOUND);
}

static void test_issue_is_all_or_nothing(void **state)
{
	tree *t = *state;
	int64_t n = 0, id = make(t, &t->gialam, 0, letter("59/LĐLĐ", "children_of", t->da), false);
	lt_receipt *items;
	lt_receipt_counts c;
	lt_directive_view v;
	size_t k;
	lt_error e;

	/* Recipients outside the issuer: refused, naming the field; still a draft, no receipt. */
	assert_int_equal(lt_app_directive_issue(t->db, &t->gialam, id, false, &n, &t->a, NULL, &e),
			 LT_EFORBIDDEN);
	assert_string_equal(e.field, "recipients.unit_id");
	assert_int_equal(lt_app_directive_receipts(t->db, &t->gialam, id, NULL, &t->a, &items, &k, &c,
						   &e),
			 0);
	assert_int_equal(c.recipients, 0);
	/* A dry run says how many would receive it, and keeps nothing. */
	id = make(t, &t->gialam, 0, letter("60/LĐLĐ", "grassroots_under", t->gl), false);
	assert_int_equal(lt_app_directive_issue(t->db, &t->gialam, id, true, &n, &t->a, NULL, &e), 0);
	assert_int_equal(n, 3);
	assert_int_equal(lt_app_directive_get(t->db, &t->gialam, id, &t->a, &v, &e), 0);
	assert_string_equal(v.meta.status, "draft");
	assert_int_equal(v.counts.recipients, 0);
	lt_app_directive_view_free(&v);
	/* Create-and-issue that cannot issue leaves no draft behind either. */
	lt_directive_draft in = { .doc = json_pack("{s:s}", "number", "61/LĐLĐ"), .issue = true };
	assert_int_equal(lt_app_directive_create(t->db, &t->gialam, &in, &t->a, &v, &e), LT_EINVAL);
	assert_string_equal(e.field, "date");
	json_decref(in.doc);
	assert_int_equal(lt_app_directive_find(t->db, &t->gialam, "61/LĐLĐ", &n, &e), LT_ENOTFOUND);
}

static void test_create_checks_the_issuer_and_the_document(void **state)
{
	tree *t = *state;
	lt_directive_draft in = { .doc = json_pack("{s:s,s:s}", "number", "1/LĐLĐ", "date", "2024-13-01") };
	lt_directive_view v;
	lt_error e;

	assert_int_equal(lt_app_directive_create(t->db, &t->gialam, &in, &t->a, &v, &e), LT_EINVAL);
	assert_string_equal(e.field, "date");
	json_decref(in.doc);
	in.doc = json_pack("{s:s}", "number", "1/LĐLĐ");
	in.issuer_id = t->hn;
	assert_int_equal(lt_app_directive_create(t->db, &t->gialam, &in, &t->a, &v, &e), LT_EFORBIDDEN);
	assert_string_equal(e.field, "issuer_id");
	in.issuer_id = 0;
	assert_int_equal(lt_app_directive_create(t->db, &t->c1, &in, &t->a, &v, &e), LT_EFORBIDDEN);
	assert_int_equal(lt_app_directive_create(t->db, &t->gialam, &in, &t->a, &v, &e), 0);
	assert_string_equal(v.meta.issuer_code, "GL");
	assert_int_equal(v.access, LT_DIR_ISSUER);
	lt_app_directive_view_free(&v);
	json_decref(in.doc);
}

static void test_cascade_amend_and_chain(void **state)
{
	tree *t = *state;
	int64_t city = make(t, &t->hanoi, 0, letter("228/LĐLĐ", "children_of", t->hn), true);
	int64_t draft = make(t, &t->gialam, 0, letter("62/LĐLĐ", "grassroots_under", t->gl), false);
	lt_directive_view v;
	lt_directive_chain ch;
	lt_error e;

	/* The commune reads the city's letter but did not receive it; a cadre carries nothing. */
	assert_int_equal(lt_app_directive_cascade(t->db, &t->daton, city, 0, &t->a, &v, &e),
			 LT_EFORBIDDEN);
	assert_int_equal(lt_app_directive_cascade(t->db, &t->c1, city, 0, &t->a, &v, &e),
			 LT_EFORBIDDEN);
	assert_int_equal(lt_app_directive_cascade(t->db, &t->gialam, draft, 0, &t->a, &v, &e),
			 LT_ECONFLICT);
	assert_int_equal(lt_app_directive_cascade(t->db, &t->gialam, city, 0, &t->a, &v, &e), 0);
	assert_string_equal(v.meta.status, "draft");
	assert_int_equal(v.meta.implements_id, city);
	assert_string_equal(json_string_value(json_object_get(v.doc, "report_deadline")), "2024-02-17");
	assert_string_equal(json_string_value(json_object_get(v.doc, "report_email")),
			    "x@example.org");
	lt_app_directive_view_free(&v);
	assert_int_equal(lt_app_directive_chain(t->db, &t->hanoi, city, &t->a, &ch, &e), 0);
	assert_int_equal(ch.ndown, 1);
	assert_string_equal(ch.down[0].issuer_name, "GL");
	/* Amendments: of an issued directive only, by its issuing side. */
	assert_int_equal(lt_app_directive_amend(t->db, &t->gialam, draft, &t->a, &v, &e), LT_ECONFLICT);
	assert_int_equal(lt_app_directive_amend(t->db, &t->gialam, city, &t->a, &v, &e), LT_EFORBIDDEN);
	assert_int_equal(lt_app_directive_amend(t->db, &t->hanoi, city, &t->a, &v, &e), 0);
	assert_string_equal(v.meta.kind, "amendment");
	assert_int_equal(v.meta.amends_id, city);
	assert_true(json_is_null(json_object_get(v.doc, "number")));
	assert_int_equal(json_integer_value(json_object_get(
				 json_array_get(json_object_get(v.doc, "references"), 0), "directive_id")),
			 city);
	lt_app_directive_view_free(&v);
}

static void test_lists(void **state)
{
	tree *t = *state;
	int64_t id = make(t, &t->gialam, 0, letter("63/LĐLĐ", "grassroots_under", t->gl), true);
	lt_directive_filter inbox = { .box = "inbox", .state = "new" }, issued = { .box = "issued" };
	lt_directive_summary *items;
	size_t n;
	lt_error e;

	assert_int_equal(lt_app_directive_list(t->db, &t->c1, &inbox, &t->a, &items, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].id, id);
	assert_int_equal(lt_app_directive_list(t->db, &t->gialam, &issued, &t->a, &items, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].counts.recipients, 3);
	assert_int_equal(lt_app_directive_list(t->db, &t->dan, &issued, &t->a, &items, &n, &e), 0);
	assert_int_equal(n, 0);
	/* Another unit's inbox is not one's own; the console names the unit it looks at. */
	inbox.unit_id = t->g2;
	assert_int_equal(lt_app_directive_list(t->db, &t->c1, &inbox, &t->a, &items, &n, &e),
			 LT_EFORBIDDEN);
	assert_int_equal(lt_app_directive_list(t->db, &t->op, &inbox, &t->a, &items, &n, &e), 0);
	assert_int_equal(n, 1);
	inbox.unit_id = 0;
	assert_int_equal(lt_app_directive_list(t->db, &t->op, &inbox, &t->a, &items, &n, &e), LT_EINVAL);
	issued.unit_id = t->da;
	assert_int_equal(lt_app_directive_list(t->db, &t->gialam, &issued, &t->a, &items, &n, &e),
			 LT_EFORBIDDEN);
	issued.box = "outbox";
	assert_int_equal(lt_app_directive_list(t->db, &t->gialam, &issued, &t->a, &items, &n, &e),
			 LT_EINVAL);
	assert_string_equal(e.field, "box");
}

static void test_import_a_letter_or_a_document(void **state)
{
	tree *t = *state;
	static const char text[] =
		"LIÊN ĐOÀN LAO ĐỘNG\nHUYỆN GIA LÂM\nSố: 70/LĐLĐ\nV/v truyền thông Tết\n"
		"Gia Lâm, ngày 18 tháng 01 năm 2024\n"
		"Kính gửi: Ban Chấp hành các công đoàn cơ sở trực thuộc\n"
		"1. Chợ Tết Công đoàn\n- Gian hàng 0 đồng\n";
	static const char json[] = "{\"number\": \"71 / LĐLĐ\", \"subject\": \"x\"}";
	lt_directive_view v;
	json_t *notes = NULL, *out = NULL;
	int64_t id;
	lt_error e;

	assert_int_equal(lt_app_directive_import(t->db, &t->gialam, json, sizeof(json) - 1, 0, false,
						 &t->a, &v, &notes, &e),
			 0);
	assert_string_equal(v.meta.number, "71/LĐLĐ");
	assert_null(notes);
	lt_app_directive_view_free(&v);
	assert_int_equal(lt_app_directive_import(t->db, &t->gialam, "{\"number\":", 10, 0, false,
						 &t->a, &v, &notes, &e),
			 LT_EINVAL);
	assert_int_equal(lt_app_directive_parse(t->db, &t->c1, text, sizeof(text) - 1, true, &out, &id,
						&e),
			 LT_EFORBIDDEN);
	assert_int_equal(lt_app_directive_parse(t->db, &t->gialam, text, sizeof(text) - 1, true, &out,
						&id, &e),
			 0);
	assert_true(id > 0);
	assert_string_equal(json_string_value(json_object_get(json_object_get(out, "letter"), "number")),
			    "70/LĐLĐ");
	json_decref(out);
	assert_int_equal(lt_app_directive_parse(t->db, &t->gialam, "", 0, false, &out, &id, &e),
			 LT_EINVAL);
	assert_string_equal(e.field, "body");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_who_reads_a_draft_and_an_issued_directive,
						tree_setup, tree_teardown),
		cmocka_unit_test_setup_teardown(test_a_letter_to_an_ancestor_is_public_below_it,
						tree_setup, tree_teardown),
		cmocka_unit_test_setup_teardown(test_only_the_issuing_officers_change_and_see_receipts,
						tree_setup, tree_teardown),
		cmocka_unit_test_setup_teardown(test_a_commune_sees_the_receipts_of_its_unions_only,
						tree_setup, tree_teardown),
		cmocka_unit_test_setup_teardown(test_issue_is_all_or_nothing, tree_setup, tree_teardown),
		cmocka_unit_test_setup_teardown(test_create_checks_the_issuer_and_the_document,
						tree_setup, tree_teardown),
		cmocka_unit_test_setup_teardown(test_cascade_amend_and_chain, tree_setup, tree_teardown),
		cmocka_unit_test_setup_teardown(test_lists, tree_setup, tree_teardown),
		cmocka_unit_test_setup_teardown(test_import_a_letter_or_a_document, tree_setup,
						tree_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
