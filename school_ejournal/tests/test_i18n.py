"""Every user-visible string of the addon is in i18n/ru.po, translated."""
import io
import os

import polib
from odoo.tests.common import TransactionCase
from odoo.tools.translate import trans_export

from .common import ADDON

PO = os.path.join(ADDON, "i18n", "ru.po")


class TestTranslations(TransactionCase):
    def test_every_term_is_translated_in_ru_po(self):
        buf = io.BytesIO()
        trans_export(False, ["school_ejournal"], buf, "po", self.cr)
        terms = {e.msgid for e in polib.pofile(buf.getvalue().decode("utf-8")) if e.msgid}
        self.assertTrue(terms)
        translated = {e.msgid for e in polib.pofile(PO) if e.msgstr.strip()}
        missing = sorted(terms - translated)
        self.assertFalse(missing, "run `make i18n`; missing in ru.po: %s" % missing[:20])
