from odoo import SUPERUSER_ID, api, models, tools
from odoo.exceptions import AccessError

from ..tools.translate import _
from .field_guard import check_export

# Odoo's settings wizards that work on the database cursor itself, whoever runs them:
# Odoo shows them in Settings only, yet any user (a pupil too) could create one over
# RPC and import his own translations over the school's, or reload all of them.
SETTINGS_WIZARDS = frozenset([
    "base.language.export", "base.language.import", "base.language.install", "base.update.translations",
    "base.module.update", "base.module.upgrade", "base.module.uninstall", "wizard.ir.model.menu.create",
])


class Base(models.AbstractModel):
    _inherit = "base"

    @api.model
    def create(self, vals):
        if self._name in SETTINGS_WIZARDS and self.env.uid != SUPERUSER_ID \
                and not self.env.user.has_group("base.group_system"):
            raise AccessError(_("Only the system administrator may change the languages, translations and "
                                "modules of the system."))
        return super(Base, self).create(vals)

    def export_data(self, fields_to_export, raw_data=False):
        # an export reaches restricted fields through any model ("student_id/snils")
        check_export(self, fields_to_export)
        return super(Base, self).export_data(fields_to_export, raw_data=raw_data)

    @api.model
    def _read_group_process_groupby(self, gb, query):
        # Odoo labels a week group «W36 2026»: in Russian «нед. 36 2026»
        result = super(Base, self)._read_group_process_groupby(gb, query)
        if result.get("display_format") == "'W'w YYYY" and (self.env.context.get("lang") or "").startswith("ru"):
            result["display_format"] = "'нед.' w YYYY"
        return result

    def _school_recompute_as_server(self):
        """Recompute as the server what a write left pending (after the user's own
        write passed its checks): Odoo writes stored computed values with the rights
        of the env that marked them, and a user may not write every row they sit on."""
        todo = self.env.all.todo
        for field in list(todo):
            records = self.env[field.model_name].sudo().browse(self.env.field_todo(field).ids)
            todo.pop(field)
            self.env.add_todo(field, records)
        self.sudo().recompute()

    # Labels in the user's language for messages, logs and reports built on the
    # server. The web client always sends a language; crons, server code and
    # tests often do not, and then the user's own language applies.
    @api.model
    def _school_lang_env(self):
        if self.env.lang:
            return self.env
        return self.env(context=dict(self.env.context, lang=self.env.user.lang or "en_US"))

    @api.model
    def _school_field_label(self, name):
        field = self._fields.get(name)
        return field._description_string(self._school_lang_env()) if field else name

    @api.model
    def _school_selection_labels(self, name):
        """{value: label} of the selection field ``name`` (not to be changed: cached
        per model, field and language, as the change log asks for it on every write)."""
        env = self._school_lang_env()
        if not isinstance(self._fields[name].selection, list):
            return dict(self._fields[name]._description_selection(env))
        return self._school_selection_labels_in(name, env.lang)

    @api.model
    @tools.ormcache("name", "lang")
    def _school_selection_labels_in(self, name, lang):
        return dict(self._fields[name]._description_selection(self.env(context=dict(self.env.context, lang=lang))))

    @api.model
    def _school_model_label(self):
        return self._school_lang_env()["ir.model"]._get(self._name).name or self._description
