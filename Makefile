# The two commands: `make run` (journal with a demo school at :8069) and `make test`.
.PHONY: run test test-district test-odoo setup clean-db i18n docs bench lint readme porting

run:
	bash scripts/run.sh $(ARGS)

test:
	bash scripts/test.sh $(ARGS)

# the district's parts on this machine: a streaming replica (scripts/replica.sh), a backup from it
test-district:
	bash scripts/test_district.sh $(ARGS)

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
