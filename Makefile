# SPDX-License-Identifier: AGPL-3.0-or-later
# lantoa — the two commands (see README.md):
#   make run    install what is missing, build, create data/lantoa.db with the demo, serve on :8080
#   make test   install, build with -Werror, run unit, integration, browser, fuzz-corpus and sanitizer suites
#   make bench  run the benchmarks and write bench/RESULTS.md
#   make model  rebuild the shipped feedback model (data/model/) from data/feedback/
#   make test-cluster  (root) the failover test on a local Patroni cluster (scripts/cluster.sh), not in make test

BUILD  ?= build
DB     ?= data/lantoa.db
LISTEN ?= 127.0.0.1:8080

.PHONY: run test bench build web deps-run deps-test deps-bench deps-cluster test-cluster clean model

deps-run:
	@sh scripts/install-deps.sh run

deps-test:
	@sh scripts/install-deps.sh test

deps-bench:
	@sh scripts/install-deps.sh bench

deps-cluster:
	@sh scripts/install-deps.sh cluster

build:
	@test -f $(BUILD)/build.ninja || meson setup $(BUILD) --buildtype=debugoptimized --werror >/dev/null
	@ninja -C $(BUILD) >/dev/null

web:
	@cd web && npm run --silent build

run: deps-run build web
	@mkdir -p data
	@if [ ! -f $(DB) ]; then \
		./$(BUILD)/lantoa --db sqlite:$(DB) init && ./$(BUILD)/lantoa --db sqlite:$(DB) demo >/dev/null; \
	fi
	@echo
	@echo "  lantoa: http://$(LISTEN)/"
	@echo "  Demo logins (password lantoa2024):"
	@echo "    gialam        officer, LĐLĐ huyện Gia Lâm"
	@echo "    hanoi         officer, LĐLĐ thành phố Hà Nội"
	@echo "    admin         administrator"
	@echo "    xa-00577      officer, Công đoàn xã Đa Tốn (commune level)"
	@echo "    cs-00577-01   cadre of a grassroots union in xã Đa Tốn (one per union: cs-COMMUNE-NN)"
	@echo
	@exec ./$(BUILD)/lantoa --db sqlite:$(DB) serve --listen $(LISTEN)

test: deps-test
	@python3 scripts/runtests.py

# Five failovers under write load; prints "failover: N cycles, A acknowledged, L lost, max outage S s".
test-cluster: deps-cluster build
	@sh scripts/cluster-failover-test.sh; rc=$$?; sh scripts/cluster.sh down; exit $$rc

bench: deps-bench build
	@sh scripts/bench.sh

# The same corpus gives the same bytes; lantoa is rebuilt so that it carries the new model.
model: build
	@./$(BUILD)/lantoa feedback train --corpus data/feedback --out data/model >/dev/null
	@ninja -C $(BUILD) >/dev/null
	@echo "data/model/feedback.model and data/model/MANIFEST.json rebuilt from data/feedback/"

clean:
	rm -rf build build-asan build-fuzz web/dist
