"""Every user-visible string of the addon is written in English and is in
i18n/ru.po, translated; the Russian UI comes from that translation."""
import io
import os
import re

import polib
from odoo.tests.common import TransactionCase
from odoo.tools.translate import trans_export

from .common import ADDON

PO = os.path.join(ADDON, "i18n", "ru.po")


class TestTranslations(TransactionCase):
    def _terms(self):
        buf = io.BytesIO()
        trans_export(False, ["school_ejournal"], buf, "po", self.cr)
        return {e.msgid for e in polib.pofile(buf.getvalue().decode("utf-8")) if e.msgid}

    def test_source_strings_are_english(self):
        # Odoo's and OCA's convention: a second language is one more .po file
        russian = sorted(t for t in self._terms() if re.search("[А-Яа-яЁё]", t))
        self.assertFalse(russian, "source strings in Russian: %s" % russian[:20])

    def test_every_term_is_translated_in_ru_po(self):
        terms = self._terms()
        self.assertTrue(terms)
        translated = {e.msgid for e in polib.pofile(PO) if e.msgstr.strip()}
        missing = sorted(terms - translated)
        self.assertFalse(missing, "run `make i18n`; missing in ru.po: %s" % missing[:20])

    def test_every_record_term_is_translated_where_it_is_used(self):
        # Odoo loads a view's, menu's or selection's term per record: a msgid
        # translated for one view stays English in another view that lacks the reference
        buf = io.BytesIO()
        trans_export(False, ["school_ejournal"], buf, "po", self.cr)
        used = {(e.msgid, place) for e in polib.pofile(buf.getvalue().decode("utf-8")) if e.msgid
                for place, _line in e.occurrences if not place.startswith("code:")}
        translated = {(e.msgid, place) for e in polib.pofile(PO) if e.msgstr.strip()
                      for place, _line in e.occurrences}
        missing = sorted(used - translated)
        self.assertFalse(missing, "run `make i18n`; not translated where used: %s" % missing[:20])

    def test_every_record_ru_po_names_exists_by_a_name_no_database_id_is_in(self):
        # ru.po names a record term by its external id: an id that holds a database id (Odoo
        # 11's «field_<table>_<field>_<id>» after a clash) is another one in another database,
        # and that label would stay English there
        self.env.cr.execute("""
            SELECT d.name, f.model, f.name FROM ir_model_data d JOIN ir_model_fields f ON f.id = d.res_id
             WHERE d.module = 'school_ejournal' AND d.model = 'ir.model.fields'
               AND d.name NOT IN ('field_' || replace(f.model, '.', '_') || '_' || f.name,
                                  'field_' || replace(f.model, '.', '_') || '__' || f.name)""")
        self.assertFalse(self.env.cr.fetchall())
        Data = self.env["ir.model.data"]
        missing = sorted({place.split(":", 2)[2] for entry in polib.pofile(PO) for place, _line in entry.occurrences
                          if place.startswith("model:")
                          and not Data.xmlid_to_res_id(place.split(":", 2)[2], raise_if_not_found=False)})
        self.assertFalse(missing, "ru.po names records this database does not have: %s" % missing[:20])

    def test_no_record_is_named_by_a_selection_key(self):
        # a model named by a selection field would show its key («close») as a page's
        # title and in every many2one: each such model names its records itself
        from odoo import models
        env = self.env(context={"lang": "ru_RU"})
        for name in sorted(n for n in self.registry.models if n.startswith("school.")):
            model = env[name].sudo()
            field = model._fields.get(model._rec_name or "")
            if not field or field.type != "selection":
                continue
            with self.subTest(model=name):
                self.assertIsNot(type(model).name_get, models.BaseModel.name_get)
                record = model.search([], limit=1) if not model._abstract else model
                if record:
                    self.assertNotEqual(record.display_name, record[model._rec_name])

    def test_the_russian_ui_comes_from_the_translation(self):
        env = self.env(context={"lang": "ru_RU"})
        self.assertEqual(env["school.lesson"].fields_get(["topic"])["topic"]["string"], "Тема урока")
        menu = env.ref("school_ejournal.menu_root")
        self.assertEqual(menu.name, "Электронный журнал")
        en = self.env(context={"lang": "en_US"})
        self.assertEqual(en["school.lesson"].fields_get(["topic"])["topic"]["string"], "Lesson Topic")

    def test_code_without_environment_speaks_the_users_language(self):
        # tools/snils.py has no env: its _() takes the language of the nearest caller
        # that has one (here school.student.write, as the class teacher)
        from odoo.exceptions import ValidationError
        teacher = self.env.ref("school_ejournal.user_class_teacher")
        artem = self.env.ref("school_ejournal.demo_student_sokolov_artem")
        for lang, text in (("ru_RU", "должен состоять из 11 цифр"), (False, "must consist of 11 digits")):
            teacher.sudo().lang = lang
            with self.assertRaisesRegex(ValidationError, text):
                artem.sudo(teacher).with_context(lang=False).write({"snils": "12"})
