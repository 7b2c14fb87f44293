from odoo import fields, models, tools


class ResCompany(models.Model):
    """The company is «the school»: its work mode lives here."""
    _inherit = "res.company"

    school_week_days = fields.Selection(
        [("5", "Пятидневная неделя"), ("6", "Шестидневная неделя")],
        string="Учебная неделя", default="5", required=True)
    school_shift_count = fields.Selection(
        [("1", "Одна смена"), ("2", "Две смены")],
        string="Смены", default="1", required=True)
    school_director_id = fields.Many2one("res.users", string="Директор")
    school_portal_url = fields.Char(
        string="Адрес журнала для родителей и учеников",
        help="Печатается на листках с реквизитами доступа. "
             "Если пусто, берётся системный адрес (web.base.url).")

    def _school_last_weekday(self):
        """Index (Monday = 0) of the last school day of the week."""
        self.ensure_one()
        return 5 if self.school_week_days == "6" else 4

    def _school_emblem(self):
        """True when the school has its own emblem: Odoo's default company logo
        is the «Your logo» placeholder, which the school's pages never show."""
        self.ensure_one()
        logo = self.sudo().logo
        if not logo:
            return False
        default = self._get_logo()
        # res.partner stores the logo resized (image_resize_images on write)
        return logo not in (default, tools.image_resize_image_big(default))
