#!/usr/bin/env bash
# `scripts/bench.sh --district` (`make district-bench`): the district load test
# (bench/district_load.py) through nginx against the district of scripts/district.sh,
# started first if it is not running (idempotent). Arguments pass to district_load.py,
# e.g. -n 150 --seconds 60 --kill web1 --ramp 2,4,8,16,32,64.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
bash "$ROOT/scripts/district.sh" start
PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}" "$VENV/bin/python" "$ROOT/bench/district_load.py" "$@"
