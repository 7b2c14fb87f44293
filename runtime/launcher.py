"""Start Odoo 11 the one way this project does: compat layer first, then odoo's CLI.

Usage: python runtime/launcher.py [odoo command and options...]
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import odoo311_compat  # noqa: E402

odoo311_compat.apply()

import odoo  # noqa: E402

if "--test-enable" in sys.argv:
    import odoo311_testing  # noqa: E402

    # once the options are read: odoo.tests.common takes the HTTP port at import
    _parse_config = odoo.tools.config.parse_config

    def parse_config(*args, **kwargs):
        result = _parse_config(*args, **kwargs)
        odoo311_testing.share_test_cursor()
        return result

    odoo.tools.config.parse_config = parse_config

if __name__ == "__main__":
    odoo.cli.main()
