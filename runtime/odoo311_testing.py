"""Odoo 11 test cases on this runtime, for pytest (pytest_odoo311.py) and for
Odoo's own runner (launcher.py with --test-enable)."""


def share_test_cursor():
    """HttpCase: Odoo 11 opens the test's cursor before entering the registry's
    test mode, so ``self.env`` and the HTTP server see different transactions.
    Here the test uses the registry's test cursor too, so both share the one
    transaction that is rolled back at the end, as Odoo 12+ does."""
    import odoo
    from odoo.tests import common

    if getattr(common.HttpCase.setUp, "_odoo311", False):
        return

    def setUp(self):
        self.registry = odoo.registry(common.get_db_name())
        if self.registry_test_mode:
            self.registry.enter_test_mode()
            self.addCleanup(self.registry.leave_test_mode)
        # self.cr is now the registry's test cursor, the one HTTP requests use
        common.TransactionCase.setUp(self)
        if self.registry_test_mode:
            # cursor() took the cursor's lock for this thread; hold it only while
            # the test itself runs SQL, or the server thread would wait forever
            self.cr.release()
            self.addCleanup(self.cr.acquire)
        self.session = odoo.http.root.session_store.new()
        self.session_id = self.session.sid
        self.session.db = common.get_db_name()
        odoo.http.root.session_store.save(self.session)
        import requests
        self.opener = requests.Session()
        self.opener.cookies["session_id"] = self.session_id

    original_url_open = common.HttpCase.url_open

    def url_open(self, url, data=None, timeout=10):
        # a request ends by rolling back to the cursor's last "commit"
        # (a savepoint): keep what the test wrote before calling the server
        if self.registry_test_mode:
            self.cr.commit()
        return original_url_open(self, url, data=data, timeout=timeout)

    setUp._odoo311 = True
    common.HttpCase.setUp = setUp
    common.HttpCase.url_open = url_open
