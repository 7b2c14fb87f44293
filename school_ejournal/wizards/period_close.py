from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.translate import _


class SchoolPeriodClose(models.TransientModel):
    """«Закрытие периода»: for the whole school or chosen grade levels, after a
    check of what is missing; the administrator may close anyway by ticking the
    confirmation."""
    _name = "school.period.close"
    _description = "Period Closing"

    period_id = fields.Many2one("school.period", required=True,
                                domain="[('state', '!=', 'closed')]")
    scope = fields.Selection([("all", "Whole School (All Grade Levels of the "
                                      "Period)"), ("levels", "Selected Grade Levels")],
                             string="Close For", required=True, default="all")
    grade_level_ids = fields.Many2many("school.grade.level", string="Grade Levels")
    available_level_ids = fields.Many2many("school.grade.level", string="Period Grade Levels",
                                           compute="_compute_check")
    checklist = fields.Text(string="What Is Missing", compute="_compute_check")
    missing_count = fields.Integer(string="Number of Missing Items", compute="_compute_check")
    confirm_incomplete = fields.Boolean(
        string="Close Despite Missing Data",
        help="The period will be closed; the list of missing items will be saved in the closing history.")

    def _levels(self):
        self.ensure_one()
        period = self.period_id.sudo()
        open_levels = period.grade_level_ids - period._closed_levels()
        return open_levels if self.scope == "all" else self.grade_level_ids

    @api.depends("period_id", "scope", "grade_level_ids")
    def _compute_check(self):
        for wizard in self:
            if not wizard.period_id:
                wizard.checklist, wizard.missing_count = "", 0
                continue
            period = wizard.period_id.sudo()
            wizard.available_level_ids = period.grade_level_ids - period._closed_levels()
            text, count = period._closing_checklist(wizard._levels())
            wizard.checklist = text or _("Everything is filled in: lesson topics are recorded, final grades are "
                                         "approved.")
            wizard.missing_count = count

    def action_close(self):
        self.ensure_one()
        period = self.period_id
        period._check_closing_rights()
        levels = self._levels()
        if not levels:
            raise UserError(_("Period “%s” is already closed for all selected grade levels: it cannot be closed "
                              "again.") % period.name if self.scope == "all" or period.sudo()._closed_levels()
                            else _("Select the grade levels for which the period is being closed."))
        text, count = period.sudo()._closing_checklist(levels)
        if count and not self.confirm_incomplete:
            raise UserError(_("Not everything is filled in (%(count)s). Tick “Close Despite Unfilled Items” or "
                              "fill in the journal.\n%(text)s") % {"count": count, "text": text})
        seal = period._close_levels(levels, incomplete=text if count else None)
        return {
            "type": "ir.actions.act_window", "res_model": "school.period.seal", "res_id": seal.id,
            "view_mode": "form", "target": "current", "name": _("Integrity Seal"),
        }
