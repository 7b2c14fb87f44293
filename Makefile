# The two commands: `make run` (journal with a demo school at :8069) and `make test`.
.PHONY: run test test-district district district-stop district-clean district-bench test-district-live test-odoo setup clean-db i18n docs bench lint readme porting

run:
	bash scripts/run.sh $(ARGS)

test:
	bash scripts/test.sh $(ARGS)

# the district's parts on this machine: a streaming replica (scripts/replica.sh), a backup from it
test-district:
	bash scripts/test_district.sh $(ARGS)

# a district on this machine (scripts/district.sh): nginx on :8080 in front of two prefork web
# nodes and a cron node, schools school1 (demo), school2, school3, a streaming replica; idempotent
district:
	bash scripts/district.sh start

# stops what `make district` started (nginx, the nodes, the replica); the databases stay
district-stop:
	bash scripts/district.sh stop

# district-stop, then drops the schools' databases
district-clean:
	bash scripts/district.sh drop

# the district load test through nginx, a web node killed in the middle (bench/district_load.py)
district-bench:
	bash scripts/bench.sh --district $(ARGS)

# tests/test_district_proxy.py against the running district (`make district` first); no Odoo in the
# test process (pytest-odoo off): it talks to the proxy and the nodes over HTTP
test-district-live:
	bash -c 'source scripts/env.sh; EJOURNAL_DISTRICT_PORT="$${DISTRICT_PORT:-8080}" \
		"$$VENV/bin/python" -m pytest -p no:odoo -o cache_dir="$$RUN_DIR/pytest_cache" tests/test_district_proxy.py $(ARGS)'

# the addon's tests through Odoo's own runner (--test-enable), browser scenarios skipped
test-odoo:
	bash scripts/test_odoo.sh $(ARGS)

setup:
	bash scripts/setup.sh

# drop the `make run` database so that the next run recreates the demo school
clean-db:
	bash -c 'source scripts/env.sh; dropdb --if-exists ejournal; rm -rf "$$DATA_DIR/filestore/ejournal"'

# export translatable terms to school_ejournal/i18n/school_ejournal.pot and write ru.po
i18n:
	bash scripts/i18n.sh

# user guides' screenshots and the parents'/teachers' presentation (docs/)
docs:
	bash scripts/docs.sh $(ARGS)

# large-school generator + benchmark (bench/); prints a table and writes JSON
bench:
	bash scripts/bench.sh $(ARGS)

# the checks OCA runs (pylint-odoo, ruff, XML/PO checks, port readiness, readme/, porting report);
# `make lint ARGS=--fix` fixes what the tools can
lint:
	bash scripts/lint.sh $(ARGS)

# the addon's README.rst and description page from its readme/ fragments
readme:
	bash -c 'source scripts/lint.sh --only-venv && "$$LINT_VENV/bin/python" scripts/readme.py'

# docs/porting.md: what OCA's odoo-module-migrator (11.0 → 17.0) leaves to a person
porting:
	bash -c 'source scripts/lint.sh --only-venv && "$$LINT_VENV/bin/python" scripts/porting.py'
