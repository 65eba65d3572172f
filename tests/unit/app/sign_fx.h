/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * sign_fx.h — the SoftHSM2 token of the signing tests (test_report_sign.c,
 * test_directive_sign.c): made once per group in a temporary folder by
 * tests/lib/softhsm.sh, with the chain and the root beside it; the clock at
 * the real time so that the certificates are valid; NEED_PKI() skips a
 * test when the tools are missing (CI must have them). Include after
 * report_fx.h.
 */
#ifndef LT_TEST_SIGN_FX_H
#define LT_TEST_SIGN_FX_H

#include <time.h>

#include "../../lib/sign_fixtures.h"

static char pki[] = "/tmp/lt-appsign-XXXXXX";
static char module[256], chain[300], ca[300];
static bool ready;

static int group_setup(void **state)
{
	int rc;

	(void)state;
	if (!mkdtemp(pki))
		return -1;
	rc = fix_softhsm(SOURCE_ROOT, pki, module, sizeof(module));
	if (rc == 77) { /* skipped below; scripts/install-deps.sh test installs the tools, and CI must have them */
		const char *ci = getenv("CI");
		return ci && !strcmp(ci, "true") ? -1 : 0;
	}
	snprintf(chain, sizeof(chain), "%s/chain.pem", pki);
	snprintf(ca, sizeof(ca), "%s/ca.pem", pki);
	ready = rc == 0;
	return rc;
}

static int group_teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", pki);
	return system(cmd) == 0 ? 0 : -1;
}

/* The report fixture with the clock at the real time: the certificates are valid now. */
static int setup_now(void **state)
{
	char now[32];
	int rc = setup(state);

	snprintf(now, sizeof(now), "%lld", (long long)time(NULL));
	setenv("LANTOA_NOW", now, 1);
	return rc;
}

/* The agency's key of the test PKI (its own token "lantoa-seal", PIN 4321), with pin. */
static inline lt_signer_opts seal_key(const char *pin)
{
	return (lt_signer_opts){ .module = module, .token = "lantoa-seal", .key = "seal", .pin = pin,
				 .chain_file = chain };
}

#define NEED_PKI()                                                                            \
	do {                                                                                  \
		if (!ready) {                                                                 \
			print_message("# softhsm2, opensc or libnss3-tools is missing\n");   \
			skip();                                                               \
		}                                                                             \
	} while (0)

#endif
